// The joint report (联合审查/验收意见书) as a sheet of A4: the application, the appointment, every
// department's verdict by name with its conditions or reasons and who recorded it, the joint
// outcome and the organiser. Outside the staff layout so that the printout holds the sheet alone.
import { Button, Result, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { isApiError, LanguageSwitch, nameIn, useAuth, useI18n, useLoad } from '../../shell';
import { jointReviewsApi, OUTCOMES, VERDICTS } from './api';
import { kindName } from './tags';
import '../sheet.css';

export default function ReportPrintPage() {
  const id = Number(useParams().id);
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => jointReviewsApi.get(id, signal), [id], false);
  if (loaded.error) {
    const missing = isApiError(loaded.error) && (loaded.error.status === 404 || loaded.error.status === 401);
    return <Result status={missing ? '404' : 'error'} title={missing ? t('jointReviews.notFound') : t('error.unexpected')} />;
  }
  const r = loaded.data;
  if (!r) return <Skeleton active style={{ padding: 24 }} />;
  const back = `${me?.roles.includes('enterprise') ? '/my' : '/approvals'}/joint-reviews/${r.id}`;
  const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');
  return (
    <div className="sheet-screen">
      <Space className="sheet-toolbar" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} data-testid="report-back">{t('jointReviews.report.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">{t('jointReviews.report.printNow')}</Button>
        <LanguageSwitch />
      </Space>
      <article className="sheet-page" data-testid="report-sheet">
        <h1 className={lang === 'en' ? undefined : 'sheet-title-spaced'} data-testid="report-title">{t(`jointReviews.report.title.${r.kind}`)}</h1>
        <p className="sheet-number">{t('jointReviews.report.number', { id: r.id, application: r.applicationId })}</p>
        <p data-testid="report-lead">{t('jointReviews.report.lead', {
          organiser: r.organiserOfficeName, at: dayjs(r.scheduledAt).format('YYYY-MM-DD HH:mm'), place: r.place, applicant: r.applicantName, item: r.itemName, kind: kindName(r.kind, lang),
        })}</p>
        <table className="sheet-table sheet-table-fixed" data-testid="report-verdicts">
          <thead>
            <tr>
              <th style={{ width: '7%' }}>{t('applications.notice.no')}</th><th style={{ width: '25%' }}>{t('jointReviews.department')}</th>
              <th style={{ width: '15%' }}>{t('jointReviews.verdict')}</th><th>{t('jointReviews.remarks')}</th><th style={{ width: '17%' }}>{t('jointReviews.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {r.verdicts.map((v, i) => (
              <tr key={v.officeId} data-testid="report-verdict-row">
                <td>{i + 1}</td><td>{v.officeName}</td><td>{v.verdict ? nameIn(lang, VERDICTS[v.verdict]) : t('jointReviews.notYet')}</td>
                <td style={{ whiteSpace: 'pre-wrap' }}>{v.remarks || '—'}</td>
                <td>{v.recordedBy ?? '—'}{v.recordedAt ? <><br />{day(v.recordedAt)}</> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="report-outcome">
          {r.outcome ? <><strong>{t('jointReviews.report.outcome')}{nameIn(lang, OUTCOMES[r.outcome])}</strong>{r.outcome === 'failed' ? ` ${t('jointReviews.report.failedNote')}` : r.outcome === 'conditional' ? ` ${t('jointReviews.report.conditionalNote')}` : ''}</>
            : r.cancelReason ? t('jointReviews.cancelledBecause', { reason: r.cancelReason }) : t('jointReviews.report.outcomePending')}
        </p>
        <div className="sheet-sign">
          <p data-testid="report-organiser">{r.organiserOfficeName}</p>
          <p>{r.reportedAt ? day(r.reportedAt) : '　'}</p>
        </div>
      </article>
    </div>
  );
}
