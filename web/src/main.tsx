// Entry point: the list of capability modules. A new capability (cases, evaluation, …) adds
// its folder under web/src/<module>/ exporting an AppModule, and one line here.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './shell/App';
import { shellModule, type AppModule } from './shell';
import { regionsModule } from './regions';
import { officesModule } from './offices';
import { peopleModule } from './people';
import { calendarModule } from './calendar';
import { casesModule } from './cases';
import { publicModule } from './public';
import { evaluationModule } from './evaluation';
import { approvalsModule } from './approvals';
import { approvalResultsModule } from './approvals/results';
import { applicationsModule } from './approvals/applications';
import { bundlesModule } from './approvals/bundles';
import { jointReviewsModule } from './approvals/joint-reviews';
import { enterprisesModule } from './enterprises';
import { enterpriseServicesModule } from './enterprise-services';
import { policiesModule } from './policies';
import { inspectionsModule } from './inspections';
import { proactiveModule } from './proactive';
import { visitsModule } from './visits';
import { notificationsModule } from './notifications';
import { knowledgeModule } from './knowledge';
import './shell/global.css';

// One module a line, so that modules added side by side merge without a conflict.
const modules: AppModule[] = [
  shellModule,
  casesModule,
  regionsModule,
  officesModule,
  peopleModule,
  calendarModule,
  publicModule,
  evaluationModule,
  approvalsModule,
  approvalResultsModule,
  applicationsModule,
  bundlesModule,
  jointReviewsModule,
  enterprisesModule,
  enterpriseServicesModule,
  policiesModule,
  inspectionsModule,
  proactiveModule,
  visitsModule,
  notificationsModule,
  knowledgeModule,
];

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App modules={modules} />
  </StrictMode>,
);
