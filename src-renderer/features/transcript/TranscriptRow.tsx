import { memo } from 'react';
import type { TranscriptEvent } from '../../../src-shared/domain';
import { formatCost, formatDuration } from '../../lib/format';
import { TID } from '../../testids';
import { describeEvent, type TranscriptItem } from './describe-event';
import { LongText } from './Expandable';
import { Markdown } from './Markdown';
import { OversizeEvent } from './OversizeEvent';
import { ToolInput } from './ToolInput';

interface RowProps {
  event: TranscriptEvent;
  toolNames: ReadonlyMap<string, string>;
  /** Changes when `toolNames` learns a name (the map itself is updated in place). */
  toolNamesVersion: number;
  /** Tool results the user opened or closed, by `${seq}:${block}`. */
  expanded: Record<string, boolean>;
  onToggle: (key: string, open: boolean) => void;
}

function isShort(text: string): boolean {
  return text.length <= 400 && text.split('\n').length <= 4;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function Body({ item, event, toolNames, expanded, onToggle }: RowProps & { item: TranscriptItem }) {
  switch (item.kind) {
    case 'init':
      return (
        <div className="ev-compact">
          <span className="ev-label">Session started</span>
          {item.model && <span>{item.model}</span>}
          {item.tools !== null && <span className="subtle">{item.tools} tools</span>}
          {item.cwd && <span className="subtle mono ev-ellipsis">{item.cwd}</span>}
        </div>
      );
    case 'assistant':
      return (
        <div className={`ev-assistant${item.error ? ' is-error' : ''}`}>
          {item.error && <div className="ev-error-label">API error: {item.error}</div>}
          {item.blocks.map((b, i) => {
            if (b.type === 'text') return <Markdown key={i} text={b.text} />;
            if (b.type === 'thinking') {
              return (
                <details key={i} className="ev-thinking">
                  <summary>Thinking</summary>
                  <LongText text={b.text} />
                </details>
              );
            }
            if (b.type === 'tool_use') {
              return (
                <div key={i} className="ev-tool-use">
                  <div className="ev-tool-name">
                    <span className="tool-icon" aria-hidden="true">
                      ⚙
                    </span>
                    {b.name}
                  </div>
                  <ToolInput name={b.name} input={b.input} />
                </div>
              );
            }
            return (
              <div key={i} className="ev-compact">
                <span className="ev-label">{b.blockType}</span>
                <span className="subtle ev-ellipsis">{b.preview}</span>
              </div>
            );
          })}
        </div>
      );
    case 'user':
      return (
        <div className="ev-user">
          {item.blocks.map((b, i) => {
            if (b.type === 'tool_result') {
              const key = `${event.seq}:${i}`;
              const open = expanded[key] ?? (b.isError || isShort(b.content));
              const tool = toolNames.get(b.toolUseId);
              return (
                <div key={i} className={`ev-tool-result${b.isError ? ' is-error' : ''}`}>
                  <button
                    className="ev-result-toggle"
                    aria-expanded={open}
                    onClick={() => onToggle(key, !open)}
                    data-testid={TID.toolResultToggle}
                  >
                    <span className="chevron">{open ? '▾' : '▸'}</span>
                    {b.isError ? 'Error from ' : 'Result of '}
                    {tool ?? 'tool'}
                    {!open && <span className="subtle ev-ellipsis"> {firstLine(b.content)}</span>}
                    {b.images > 0 && (
                      <span className="subtle">
                        {' '}
                        + {b.images} image{b.images > 1 ? 's' : ''}
                      </span>
                    )}
                  </button>
                  {open &&
                    (b.content ? (
                      <LongText text={b.content} />
                    ) : (
                      <em className="subtle">(empty)</em>
                    ))}
                </div>
              );
            }
            if (b.type === 'text') {
              return (
                <div key={i} className="ev-user-text">
                  <span className="ev-label">Prompt</span>
                  <LongText text={b.text} limit={2000} />
                </div>
              );
            }
            return (
              <div key={i} className="ev-compact">
                <span className="ev-label">{b.blockType}</span>
                <span className="subtle ev-ellipsis">{b.preview}</span>
              </div>
            );
          })}
        </div>
      );
    case 'result':
      return (
        <div className={`ev-result${item.isError ? ' is-error' : ''}`}>
          <div className="ev-result-head">
            <strong>{item.isError ? 'Finished with an error' : 'Finished'}</strong>
            {item.subtype && item.subtype !== 'success' && (
              <span className="subtle">{item.subtype}</span>
            )}
            <span className="ev-stats">
              <span title="Cost">{formatCost(item.costUsd)}</span>
              <span title="Turns">{item.turns ?? '—'} turns</span>
              <span title="Duration">{formatDuration(item.durationMs)}</span>
            </span>
          </div>
          {item.text && <Markdown text={item.text} />}
        </div>
      );
    case 'api_retry':
      return (
        <div className="ev-compact ev-warn">
          <span className="ev-label">API retry</span>
          <span>
            attempt {item.attempt ?? '?'}
            {item.maxRetries !== null ? ` of ${item.maxRetries}` : ''}
          </span>
          {item.status !== null && <span>HTTP {item.status}</span>}
          {item.error && <span>{item.error}</span>}
          {item.delayMs !== null && (
            <span className="subtle">waits {formatDuration(item.delayMs)}</span>
          )}
        </div>
      );
    case 'rate_limit':
      return (
        <div className={`ev-compact${item.status === 'rejected' ? ' ev-error' : ' ev-warn'}`}>
          <span className="ev-label">Rate limit</span>
          <span>{item.status ?? 'unknown'}</span>
          {item.limitType && <span className="subtle">{item.limitType}</span>}
          {item.resetsAt !== null && (
            <span className="subtle">resets {new Date(item.resetsAt * 1000).toLocaleString()}</span>
          )}
        </div>
      );
    case 'system':
      return (
        <div className="ev-compact">
          <span className="ev-label">system{item.subtype ? ` · ${item.subtype}` : ''}</span>
          <span className="subtle ev-ellipsis">{item.preview}</span>
        </div>
      );
    case 'raw':
      return <pre className="ev-raw">{item.text || ' '}</pre>;
    case 'oversize':
      return (
        <OversizeEvent executionId={event.executionId} offset={event.offset} length={item.length} />
      );
    case 'unknown':
      return (
        <details className="ev-unknown">
          <summary>
            <span className="ev-label">
              {item.type}
              {item.subtype ? ` · ${item.subtype}` : ''}
            </span>{' '}
            <span className="subtle ev-ellipsis">{item.preview}</span>
          </summary>
          <LongText text={item.detail} />
        </details>
      );
  }
}

/** One line of the agent's stream-json, readable. */
export const TranscriptRow = memo(function TranscriptRow(props: RowProps) {
  const item = describeEvent(props.event);
  return (
    <div
      className={`ev ev-kind-${item.kind}`}
      data-testid={TID.transcriptEvent}
      data-type={props.event.type}
      data-seq={props.event.seq}
      data-oversize={item.kind === 'oversize' ? '' : undefined}
    >
      <Body item={item} {...props} />
    </div>
  );
});
