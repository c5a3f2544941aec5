// The requester as the server shows them to this viewer: already masked (phone) or hidden (保密).
import { Tag, Typography } from 'antd';
import { useI18n, type Translate } from '../shell';
import type { Channel, Requester } from './api';

export function RequesterText({ requester }: { requester: Requester }) {
  const { t } = useI18n();
  if (requester.hidden) {
    return (
      <span data-testid="case-requester" data-hidden="true">
        {t('cases.hidden')}
      </span>
    );
  }
  return (
    <span data-testid="case-requester" data-hidden="false">
      <Tag bordered={false}>{t(`cases.kind.${requester.kind}`)}</Tag>
      {requester.name ?? (requester.kind === 'anonymous' ? '' : '—')}
      {requester.phone && (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {requester.phone}
        </Typography.Text>
      )}
      {requester.uscc && (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {requester.uscc}
        </Typography.Text>
      )}
    </span>
  );
}

/** "已解决", "未解决", or the route a matter outside the hotline's scope was sent to. */
export function outcomeText(t: Translate, outcome: string | null): string {
  if (!outcome) return '—';
  if (outcome.startsWith('out_of_scope:')) return t('cases.outcome.out_of_scope', { route: t(`cases.route.${outcome.slice('out_of_scope:'.length)}`) });
  if (outcome === 'resolved' || outcome === 'unresolved') return t(`cases.outcome.${outcome}`);
  return outcome;
}

/** The channel, or 保密 where it would name a requester hidden from this viewer (the server sends null). */
export function channelText(t: Translate, channel: Channel | null): string {
  return channel ? t(`cases.channel.${channel}`) : t('cases.hidden');
}
