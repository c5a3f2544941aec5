// One application as a page holds it: the view, and when asked its timeline, reloaded together
// after every action.
import { useCallback, useEffect, useState } from 'react';
import { useLoad, useReportError } from '../../shell';
import { applicationsApi, type ApplicationEvent, type ApplicationView } from './api';

export function useApplication(id: number, withEvents: boolean) {
  const reportError = useReportError();
  const loaded = useLoad(async (signal) => {
    const [view, events] = await Promise.all([applicationsApi.get(id, signal), withEvents ? applicationsApi.events(id, signal) : Promise.resolve(null)]);
    return { view, events };
  }, [id, withEvents], false);
  const [view, setView] = useState<ApplicationView | null>(null);
  const [events, setEvents] = useState<ApplicationEvent[] | null>(null);
  useEffect(() => {
    if (loaded.data) {
      setView(loaded.data.view);
      setEvents(loaded.data.events);
    }
  }, [loaded.data]);
  const changed = useCallback((next: ApplicationView) => {
    setView(next);
    if (withEvents) applicationsApi.events(next.id).then(setEvents, reportError);
  }, [withEvents, reportError]);
  return { view, events, error: loaded.error, reload: loaded.reload, changed };
}
