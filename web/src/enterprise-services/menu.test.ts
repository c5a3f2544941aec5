import { describe, expect, it } from 'vitest';
import { buildRegistry, visibleMenu } from '../shell/modules';
import { enterprisesModule } from '../enterprises';
import { visitsModule } from '../visits';
import { policiesModule } from '../policies';
import { enterpriseServicesModule } from '.';
import { ENTERPRISE_SERVICES_GROUP } from './menu';

describe('the enterprise services menu group', () => {
  const modules = [enterprisesModule, visitsModule, policiesModule, enterpriseServicesModule];
  const registry = buildRegistry(modules);

  it('holds every entry of the registry, visits, policies and enterprise services, under one group the enterprise-services module declares', () => {
    expect(registry.menuGroups.map((g) => g.key)).toEqual([ENTERPRISE_SERVICES_GROUP]);
    expect(registry.menu.filter((e) => e.group !== ENTERPRISE_SERVICES_GROUP).map((e) => e.key)).toEqual([]);
    // The registry first, then visits, the service visits, leaders and duty, then policies.
    expect(visibleMenu(registry.menu, ['leader']).map((e) => e.key)).toEqual([
      'enterprises', 'visits', 'visit-plans', 'visit-joint', 'visit-figures', 'services-visits', 'services-leaders', 'services-duty', 'policies',
    ]);
    expect(visibleMenu(registry.menu, ['enterprise']).map((e) => e.key)).toEqual(expect.arrayContaining(['visits', 'policies-for-me']));
  });
});
