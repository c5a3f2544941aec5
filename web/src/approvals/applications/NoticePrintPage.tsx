// The one-time notice (一次告知书) as a sheet of A4 to print and hand over: the applicant, the item,
// every missing material at once, the rule on when it had to be told, the window and the date.
// Outside the staff layout, so that the printout holds the notice and nothing else.
import { Button, Result, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { isApiError, LanguageSwitch, useI18n, useLoad } from '../../shell';
import { applicationsApi, NOTICE_DAYS } from './api';
import '../sheet.css';

export default function NoticePrintPage() {
  const id = Number(useParams().id);
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const notice = useLoad((signal) => applicationsApi.notice(id, signal), [id], false);
  if (notice.error) {
    const missing = isApiError(notice.error) && (notice.error.status === 404 || notice.error.status === 401);
    return <Result status={missing ? '404' : 'error'} title={missing ? t('applications.notFound') : t('error.unexpected')} />;
  }
  const n = notice.data;
  if (!n) return <Skeleton active style={{ padding: 24 }} />;
  const date = dayjs(n.noticeAt ?? undefined).format('YYYY-MM-DD');
  return (
    <div className="sheet-screen">
      <Space className="sheet-toolbar" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/approvals/applications/${n.applicationId}`)} data-testid="notice-back">{t('applications.notice.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="notice-print">{t('applications.notice.printNow')}</Button>
        <LanguageSwitch />
      </Space>
      <article className="sheet-page" data-testid="notice-sheet">
        <h1 className={lang === 'en' ? undefined : 'sheet-title-spaced'}>{t('applications.notice.title')}</h1>
        <p className="sheet-number">{t('applications.notice.number', { id: n.applicationId })}</p>
        <p><strong data-testid="notice-applicant">{n.applicantName}</strong>{t('applications.notice.salutation')}</p>
        <p>{t('applications.notice.lead', { received: dayjs(n.receivedAt).format('YYYY-MM-DD'), item: n.itemName })}</p>
        <table className="sheet-table" data-testid="notice-missing">
          <thead><tr><th style={{ width: '3em' }}>{t('applications.notice.no')}</th><th>{t('applications.notice.material')}</th><th style={{ width: '9em' }}>{t('applications.notice.kind')}</th></tr></thead>
          <tbody>
            {n.missing.map((m, i) => (
              <tr key={m.id} data-testid="notice-missing-row">
                <td>{i + 1}</td><td>{m.name}</td><td>{m.deficiency ? t('applications.material.deficiency') : t('applications.material.required')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('applications.notice.supplement')}</p>
        <p className="sheet-rule" data-testid="notice-rule">{t('applications.notice.rule', { days: NOTICE_DAYS, date: n.noticeDueDate })}</p>
        <div className="sheet-sign">
          <p data-testid="notice-window">{n.windowName ?? t('applications.notice.online')}</p>
          <p data-testid="notice-date">{date}</p>
        </div>
        <div className="sheet-receipt">
          <span>{t('applications.notice.receivedBy')}</span>
          <span>{t('applications.notice.receivedOn')}</span>
        </div>
      </article>
    </div>
  );
}
