import { useState } from 'react';
import { Alert, Col, Row } from 'antd';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { calendarApi } from './api';
import { ImportCard } from './ImportCard';
import { MonthView } from './MonthView';
import { WorkingDaysCard } from './WorkingDaysCard';
import { YearEntryDialog } from './YearEntryDialog';
import { YearsCard } from './YearsCard';

/** Everyone sees the month view, the year coverage and the calculator; admins also import and enter years. */
export default function CalendarPage() {
  const { t } = useI18n();
  const me = useMe();
  const isAdmin = hasAnyRole(me.roles, ['admin']);
  const [refreshKey, setRefreshKey] = useState(0);
  const years = useLoad((signal) => calendarApi.years(signal), [refreshKey]);
  const [entryYear, setEntryYear] = useState<number | null>(null);
  const changed = () => setRefreshKey((k) => k + 1);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <MonthView refreshKey={refreshKey} />
      </Col>
      <Col xs={24} xl={8}>
        <WorkingDaysCard />
      </Col>
      <Col xs={24} xl={14}>
        <YearsCard years={years.data ?? []} loading={years.loading} isAdmin={isAdmin} onEnter={setEntryYear} />
      </Col>
      <Col xs={24} xl={10}>
        {isAdmin ? (
          <ImportCard onImported={changed} />
        ) : (
          <Alert type="info" showIcon message={t('calendar.readOnly')} data-testid="calendar-readonly" />
        )}
      </Col>
      {isAdmin && <YearEntryDialog year={entryYear} onClose={() => setEntryYear(null)} onSaved={changed} />}
    </Row>
  );
}
