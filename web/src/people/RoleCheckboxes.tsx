import { Checkbox } from 'antd';
import { ROLES, useI18n, type Role } from '../shell';

/** One labelled checkbox per role; data-testid `${testId}-${role}` on each input. */
export function RoleCheckboxes({
  id,
  value,
  onChange,
  'data-testid': testId,
}: {
  id?: string;
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  return (
    <div id={id} data-testid={testId} role="group">
      <Checkbox.Group value={value} onChange={(v) => onChange?.(v as Role[])}>
        {ROLES.map((r) => (
          <Checkbox key={r} value={r} data-testid={testId ? `${testId}-${r}` : undefined}>
            {t(`role.${r}`)}
          </Checkbox>
        ))}
      </Checkbox.Group>
    </div>
  );
}
