import { describe, expect, it } from 'vitest';
import { activeMenuKey, buildRegistry, itemPath, visibleMenu, type AppModule, type MenuEntry } from './modules';

const Page = () => null;
const entry = (key: string, path: string, roles: MenuEntry['roles'], order?: number): MenuEntry => ({ key, path, labelKey: key, roles, order });

describe('module registry', () => {
  it('collects routes, menu entries and dictionaries from every module, menu sorted by order', () => {
    const a: AppModule = { id: 'a', routes: [{ path: '/a', roles: ['admin'], component: Page }], menu: [entry('a', '/a', ['admin'], 20)] };
    const b: AppModule = {
      id: 'b',
      messages: { 'zh-CN': { x: '甲' }, en: { x: 'A' } },
      routes: [{ path: '/b', roles: ['handler'], component: Page }],
      menu: [entry('b', '/b', ['handler'], 10)],
    };
    const r = buildRegistry([a, b]);
    expect(r.routes.map((x) => x.path)).toEqual(['/a', '/b']);
    expect(r.menu.map((x) => x.key)).toEqual(['b', 'a']);
    expect(r.messages).toHaveLength(1);
  });

  it('collects worklist entries by order and finds the page of a notice\'s item for the viewer\'s roles', () => {
    const count = async () => 0;
    const a: AppModule = {
      id: 'a',
      worklist: [{ key: 'late', labelKey: 'late', roles: ['handler'], path: '/a?late', count, order: 20 }],
      itemPages: [{ type: 'application', path: (id, roles) => (roles.includes('enterprise') ? `/my/applications/${id}` : `/approvals/applications/${id}`) }],
    };
    const b: AppModule = { id: 'b', worklist: [{ key: 'new', labelKey: 'new', roles: ['handler'], path: '/b?new', count, order: 10 }] };
    const r = buildRegistry([a, b]);
    expect(r.worklist.map((w) => w.key)).toEqual(['new', 'late']);
    expect(itemPath(r.itemPages, { type: 'application', id: 7 }, ['enterprise'])).toBe('/my/applications/7');
    expect(itemPath(r.itemPages, { type: 'application', id: 7 }, ['reviewer'])).toBe('/approvals/applications/7');
    expect(itemPath(r.itemPages, { type: 'visit', id: 7 }, ['reviewer'])).toBeNull();
    expect(itemPath(r.itemPages, null, ['reviewer'])).toBeNull();
    expect(() => buildRegistry([a, { id: 'c', itemPages: [{ type: 'application', path: () => '/x' }] }])).toThrow(/two pages/);
  });

  it('refuses two modules claiming the same path', () => {
    const m = (id: string): AppModule => ({ id, routes: [{ path: '/same', roles: ['admin'], component: Page }] });
    expect(() => buildRegistry([m('x'), m('y')])).toThrow(/registered twice/);
  });

  it('shows a handler only the entries their roles allow', () => {
    const menu = [entry('home', '/', ['admin', 'handler']), entry('users', '/admin/users', ['admin'])];
    expect(visibleMenu(menu, ['handler']).map((e) => e.key)).toEqual(['home']);
    expect(visibleMenu(menu, ['admin', 'handler']).map((e) => e.key)).toEqual(['home', 'users']);
    expect(visibleMenu(menu, undefined)).toEqual([]);
  });

  it('highlights the entry with the longest matching path, home only on "/"', () => {
    const menu = [entry('home', '/', ['admin']), entry('cases', '/cases', ['admin']), entry('mine', '/cases/mine', ['admin'])];
    expect(activeMenuKey(menu, '/')).toBe('home');
    expect(activeMenuKey(menu, '/cases/42')).toBe('cases');
    expect(activeMenuKey(menu, '/cases/mine')).toBe('mine');
    expect(activeMenuKey(menu, '/casesx')).toBeUndefined();
  });
});

describe('public pages', () => {
  it('collects the log-in page links in order and keeps public routes in the route list', () => {
    const m: AppModule = {
      id: 'p',
      routes: [{ path: '/public/x', roles: [], public: true, component: Page }],
      loginLinks: [
        { key: 'b', path: '/public/b', labelKey: 'b', order: 20 },
        { key: 'a', path: '/public/a', labelKey: 'a', order: 10 },
      ],
    };
    const r = buildRegistry([m]);
    expect(r.loginLinks.map((l) => l.key)).toEqual(['a', 'b']);
    expect(r.routes.filter((x) => x.public).map((x) => x.path)).toEqual(['/public/x']);
  });
});
