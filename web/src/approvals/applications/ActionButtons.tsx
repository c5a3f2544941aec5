// The buttons of the actions open to the viewer, then those the application's state blocks,
// disabled, with the server's reason. A department's move shows only when a branch can take it.
import { Button, Space, Tooltip, Typography } from 'antd';
import { useI18n } from '../../shell';
import { branchesFor } from './ActionDialog';
import type { ApplicationAction, ApplicationView } from './api';

const PRIMARY: readonly ApplicationAction[] = ['accept', 'sign', 'approve', 'conclude', 'issue', 'deliver', 'supplement', 'supply'];
const DANGER: readonly ApplicationAction[] = ['refuse', 'withdraw'];
const BRANCH_MOVES: readonly ApplicationAction[] = ['sign', 'approve', 'refuse', 'ask-more', 'supply', 'send-back'];

export function ActionButtons({ view, only, onPick }: { view: ApplicationView; only?: readonly ApplicationAction[]; onPick: (a: ApplicationAction) => void }) {
  const { t, lang } = useI18n();
  const wanted = (a: ApplicationAction) => (!only || only.includes(a)) && (!BRANCH_MOVES.includes(a) || branchesFor(view, a).length > 0);
  const buttons = [
    ...view.actions.filter(wanted).map((action) => ({ action, blocked: null as string | null })),
    ...view.blockedActions.filter((b) => !only || only.includes(b.action)).map((b) => ({ action: b.action, blocked: lang === 'en' ? b.messageEn : b.messageZh })),
  ];
  if (!buttons.length) return <Typography.Text type="secondary" data-testid="no-actions">{t('applications.noActions')}</Typography.Text>;
  return (
    <Space wrap data-testid="actions">
      {buttons.map(({ action, blocked }) => {
        const button = (
          <Button key={action} type={PRIMARY.includes(action) ? 'primary' : 'default'} danger={DANGER.includes(action)} disabled={blocked !== null}
            onClick={() => onPick(action)} data-testid={`action-${action}`}>
            {t(`applications.action.${action}`)}
          </Button>
        );
        return blocked ? <Tooltip key={action} title={blocked}><span>{button}</span></Tooltip> : button;
      })}
    </Space>
  );
}
