import { lazy } from 'react';
import { AlertOutlined, AuditOutlined, FormOutlined, PhoneOutlined, InboxOutlined, MessageOutlined, ProfileOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { AppModule, Role } from '../shell';
import messages from './messages';
import { caseListPath, casesApi, type CaseFilter } from './api';

/** A worklist count over the case list: the list's own total for the filter, and the link that opens it. */
function caseCount(key: string, roles: Role[], filter: CaseFilter, order: number) {
  return {
    key: `cases-${key}`, labelKey: `cases.worklist.${key}`, roles, order, path: caseListPath(filter),
    count: async (signal: AbortSignal) => (await casesApi.list({ ...filter, pageSize: 1 }, signal)).total,
  };
}

/** Menu group of the appeals loop (诉求办理). */
export const CASES_GROUP = 'cases';

/** Staff who work on cases (the system administrator has no case scope). */
const STAFF: Role[] = ['agent', 'dispatcher', 'handler', 'supervisor', 'leader'];
/** Who may take in appeals: agents and dispatchers from the hotline channels; others from their own channels. */
const INTAKE: Role[] = ['agent', 'dispatcher', 'supervisor', 'leader', 'handler'];
const LEDGER: Role[] = ['dispatcher', 'supervisor', 'leader', 'handler'];

export const casesModule: AppModule = {
  id: 'cases',
  messages,
  routes: [
    { path: '/cases', roles: STAFF, component: lazy(() => import('./CasesListPage')) },
    { path: '/cases/intake', roles: INTAKE, component: lazy(() => import('./IntakePage')) },
    { path: '/cases/visits', roles: ['agent', 'dispatcher'], component: lazy(() => import('./ReturnVisitsPage')) },
    { path: '/cases/dispatch', roles: ['dispatcher'], component: lazy(() => import('./DispatchPage')) },
    { path: '/cases/inbox', roles: ['handler'], component: lazy(() => import('./InboxPage')) },
    { path: '/cases/supervision', roles: ['supervisor', 'leader'], component: lazy(() => import('./SupervisionPage')) },
    { path: '/cases/ledger', roles: LEDGER, component: lazy(() => import('./LedgerPage')) },
    { path: '/cases/:id', roles: [...STAFF, 'enterprise'], component: lazy(() => import('./CasePage')) },
    { path: '/my/appeals', roles: ['enterprise'], component: lazy(() => import('./MyAppealsPage')) },
  ],
  // Who acts on each list is the lifecycle's permits (src/cases/lifecycle.ts): the dispatcher
  // dispatches and reviews, the handler signs and replies, the intake centre visits back, and
  // supervisors, dispatchers and leaders decide extensions and watch the clocks.
  worklist: [
    caseCount('toDispatch', ['dispatcher'], { status: ['accepted'] }, 10),
    caseCount('toSign', ['handler'], { status: ['dispatched'] }, 20),
    caseCount('toReply', ['handler'], { status: ['handling'] }, 30),
    caseCount('toReview', ['dispatcher', 'supervisor'], { status: ['replied'] }, 40),
    caseCount('toVisit', ['agent', 'dispatcher'], { status: ['reviewed'] }, 50),
    caseCount('dueSoon', ['dispatcher', 'handler', 'supervisor', 'leader'], { dueState: 'due_soon' }, 60),
    caseCount('overdue', ['dispatcher', 'handler', 'supervisor', 'leader'], { dueState: 'overdue' }, 70),
    caseCount('extensions', ['dispatcher', 'supervisor', 'leader'], { extensionPending: true }, 80),
  ],
  itemPages: [{ type: 'case', path: (id) => `/cases/${id}` }],
  menuGroups: [{ key: CASES_GROUP, labelKey: 'cases.group', icon: <MessageOutlined />, order: 10 }],
  menu: [
    { key: 'case-intake', path: '/cases/intake', labelKey: 'cases.menu.intake', icon: <FormOutlined />, roles: ['agent', 'dispatcher'], group: CASES_GROUP, order: 10 },
    { key: 'case-visits', path: '/cases/visits', labelKey: 'cases.visits.title', icon: <PhoneOutlined />, roles: ['agent', 'dispatcher'], group: CASES_GROUP, order: 15 },
    { key: 'case-dispatch', path: '/cases/dispatch', labelKey: 'cases.menu.dispatch', icon: <SendOutlined />, roles: ['dispatcher'], group: CASES_GROUP, order: 20 },
    { key: 'case-inbox', path: '/cases/inbox', labelKey: 'cases.menu.inbox', icon: <InboxOutlined />, roles: ['handler'], group: CASES_GROUP, order: 30 },
    { key: 'case-supervision', path: '/cases/supervision', labelKey: 'cases.menu.supervision', icon: <AlertOutlined />, roles: ['supervisor', 'leader'], group: CASES_GROUP, order: 40 },
    { key: 'cases', path: '/cases', labelKey: 'cases.menu.all', icon: <UnorderedListOutlined />, roles: STAFF, group: CASES_GROUP, order: 50 },
    { key: 'case-ledger', path: '/cases/ledger', labelKey: 'cases.menu.ledger', icon: <AuditOutlined />, roles: LEDGER, group: CASES_GROUP, order: 60 },
    { key: 'my-appeals', path: '/my/appeals', labelKey: 'cases.menu.mine', icon: <ProfileOutlined />, roles: ['enterprise'], group: CASES_GROUP, order: 70 },
  ],
};

export { casesApi } from './api';
export type { CaseView, CaseEvent, CaseStatus, CaseAction } from './api';
