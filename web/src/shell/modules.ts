// How a capability plugs into the web app: it exports one AppModule (its dictionary, routes
// and menu entries); main.tsx lists the modules and the shell assembles router and menu.
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';
import type { Messages } from './i18n';
import { hasAnyRole, type Role } from './roles';

export interface MenuEntry {
  key: string;
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  icon?: ReactNode;
  /** Roles that see the entry (use ALL_ROLES for everyone signed in). */
  roles: readonly Role[];
  /** Menu group key (see MenuGroup); entries without a group sit at the top level. */
  group?: string;
  /** Sort order inside its level; lower comes first (default 100). */
  order?: number;
}

export interface MenuGroup {
  key: string;
  labelKey: string;
  icon?: ReactNode;
  order?: number;
}

export interface RouteEntry {
  /** Absolute path, e.g. '/admin/users' or '/cases/:id'. */
  path: string;
  /** Roles allowed to open the page; anyone else sees the 403 page. */
  roles: readonly Role[];
  /** Usually React.lazy(() => import('./SomePage')) so each module is its own chunk. */
  component: ComponentType;
  /**
   * A public page (the citizens' portal): rendered without log-in, outside the staff layout;
   * `roles` is not consulted.
   */
  public?: boolean;
}

/** A link on the log-in page to a public page (e.g. "submit an appeal"). */
export interface LoginLink {
  key: string;
  path: string;
  labelKey: string;
  icon?: ReactNode;
  order?: number;
}

/**
 * One count on the home page's worklist (what waits for the viewer): it opens `path`, a filtered
 * list, and `count` answers that list's total, so the figure and the list cannot disagree.
 */
export interface WorklistEntry {
  key: string;
  labelKey: string;
  roles: readonly Role[];
  path: string;
  count: (signal: AbortSignal) => Promise<number>;
  order?: number;
}

/** Where a work item's page is, by its lifecycle item type; a notice about the item opens it. */
export interface ItemPage {
  type: string;
  path: (id: number, roles: readonly Role[]) => string;
}

/** Something a module shows in the header for the given roles (the notification bell). */
export interface HeaderWidget {
  key: string;
  roles: readonly Role[];
  component: ComponentType;
  order?: number;
}

export interface AppModule {
  id: string;
  messages?: Messages;
  routes?: RouteEntry[];
  menu?: MenuEntry[];
  menuGroups?: MenuGroup[];
  loginLinks?: LoginLink[];
  worklist?: WorklistEntry[];
  itemPages?: ItemPage[];
  header?: HeaderWidget[];
}

export interface Registry {
  routes: RouteEntry[];
  menu: MenuEntry[];
  menuGroups: MenuGroup[];
  messages: Messages[];
  loginLinks: LoginLink[];
  worklist: WorklistEntry[];
  itemPages: ItemPage[];
  header: HeaderWidget[];
}

const byOrder = <T extends { order?: number }>(a: T, b: T) => (a.order ?? 100) - (b.order ?? 100);

export function buildRegistry(modules: readonly AppModule[]): Registry {
  const routes: RouteEntry[] = [];
  const menu: MenuEntry[] = [];
  const menuGroups: MenuGroup[] = [];
  const messages: Messages[] = [];
  const loginLinks: LoginLink[] = [];
  const worklist: WorklistEntry[] = [];
  const itemPages: ItemPage[] = [];
  const header: HeaderWidget[] = [];
  const seenPaths = new Set<string>();
  for (const m of modules) {
    for (const r of m.routes ?? []) {
      if (seenPaths.has(r.path)) throw new Error(`route ${r.path} registered twice (module ${m.id})`);
      seenPaths.add(r.path);
      routes.push(r);
    }
    menu.push(...(m.menu ?? []));
    menuGroups.push(...(m.menuGroups ?? []));
    loginLinks.push(...(m.loginLinks ?? []));
    worklist.push(...(m.worklist ?? []));
    header.push(...(m.header ?? []));
    for (const p of m.itemPages ?? []) {
      if (itemPages.some((q) => q.type === p.type)) throw new Error(`item type ${p.type} has two pages (module ${m.id})`);
      itemPages.push(p);
    }
    if (m.messages) messages.push(m.messages);
  }
  menu.sort(byOrder);
  menuGroups.sort(byOrder);
  loginLinks.sort(byOrder);
  worklist.sort(byOrder);
  header.sort(byOrder);
  return { routes, menu, menuGroups, messages, loginLinks, worklist, itemPages, header };
}

/** The page of the work item a notice names, for the viewer's roles; null when no module shows that item type. */
export function itemPath(pages: readonly ItemPage[], subject: { type: string; id: number } | null, roles: readonly Role[]): string | null {
  const page = subject && pages.find((p) => p.type === subject.type);
  return page ? page.path(subject.id, roles) : null;
}

/** Menu entries the given roles may see. */
export function visibleMenu(menu: readonly MenuEntry[], roles: readonly Role[] | undefined): MenuEntry[] {
  return menu.filter((e) => hasAnyRole(roles, e.roles));
}

/** The menu entry whose path is the longest prefix of the current location. */
export function activeMenuKey(entries: readonly MenuEntry[], pathname: string): string | undefined {
  let best: MenuEntry | undefined;
  for (const e of entries) {
    const match = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (match && (!best || e.path.length > best.path.length)) best = e;
  }
  return best?.key;
}

export const RegistryContext = createContext<Registry | null>(null);

export function useRegistry(): Registry {
  const r = useContext(RegistryContext);
  if (!r) throw new Error('useRegistry must be used inside the app shell');
  return r;
}
