import { expect, test } from './fixtures';

test('the page opens with its token and strips it from the address', async ({ ui }) => {
  await expect(ui.locator('#root')).not.toBeEmpty();
  expect(ui.url()).not.toContain('token=');
});
