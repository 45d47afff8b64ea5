/** Loading data into a page: state for the result, the error and a way to load again. */
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    // A slower earlier answer must not overwrite the answer to the latest request.
    let current = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what its load depends on; the function itself changes on every render.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/**
 * For a dialog that is mounted only while open: the element that had the focus when it opened
 * (the button that opened it) gets it back when the dialog goes, instead of the page's body.
 */
export function useReturnFocus(): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // After the dialog's own unmount, so its focus trap no longer holds the focus.
      setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (opener?.isConnected && lost) opener.focus();
      }, 0);
    };
  }, []);
}

/**
 * A write the user started: `busy` while it runs, and any failure shown as the server's message,
 * so that each dialog does not repeat the same try/catch. Resolves true when the work succeeded.
 */
export function useAction(): { busy: boolean; run: (work: () => Promise<void>) => Promise<boolean> } {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
        return true;
      } catch (err) {
        message.error(errorMessage(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  return { busy, run };
}
