import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { type ComponentType, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, onSessionEnded } from '../../core/api';
import { useT } from '../../core/i18n';
import { fetchMe, signOut, type User } from './api';
import { ChangePasswordPage } from './ChangePasswordPage';
import { SignInPage } from './SignInPage';
import { SessionContext } from './session';

export interface SessionScreens {
  SignIn: ComponentType<{ onSignedIn: (user: User) => void }>;
  ChangePassword: ComponentType<{ onChanged: () => void; onSignOut: () => void }>;
}

const CONSOLE_SCREENS: SessionScreens = { SignIn: SignInPage, ChangePassword: ChangePasswordPage };

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; user: User };

/**
 * A sign-out made without a connection (a grid worker's phone in a stairwell) is owed to the server: the session
 * cookie is out of the page's reach, so until the server has ended the session a reload would let anyone back in.
 */
const SIGN_OUT_OWED = 'shanzhi.signOutOwed';

/** Tells the server of an owed sign-out; false while there is still no connection. */
async function settleOwedSignOut(): Promise<boolean> {
  if (!localStorage.getItem(SIGN_OUT_OWED)) return true;
  try {
    await signOut();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'network') return false;
  }
  localStorage.removeItem(SIGN_OUT_OWED);
  return true;
}

/**
 * Shows sign-in (and the forced password change) until there is a usable session, then the app. The phone pages
 * bring their own screens for the same steps.
 */
export function SessionGate({
  children,
  screens = CONSOLE_SCREENS,
}: {
  children: ReactNode;
  screens?: SessionScreens;
}) {
  const { SignIn, ChangePassword } = screens;
  const { t } = useT();
  const [state, setState] = useState<State>({ status: 'loading' });
  const client = useQueryClient();
  // Whatever was read for the last person must not show to the next one signing in on this page.
  const ended = useCallback(() => {
    client.clear();
    setState({ status: 'anonymous' });
  }, [client]);

  useEffect(() => {
    let live = true;
    const start = async (): Promise<State> => {
      // whoever owed a sign-out signs in again, whether or not the server could be told yet
      if (localStorage.getItem(SIGN_OUT_OWED) !== null) {
        await settleOwedSignOut();
        return { status: 'anonymous' };
      }
      return fetchMe().then(
        (user): State => ({ status: 'signedIn', user }),
        (): State => ({ status: 'anonymous' }),
      );
    };
    void start().then((next) => live && setState(next));
    const unsubscribe = onSessionEnded(ended);
    const settle = () => void settleOwedSignOut();
    window.addEventListener('online', settle);
    return () => {
      live = false;
      unsubscribe();
      window.removeEventListener('online', settle);
    };
  }, [ended]);

  const endSession = useCallback(async () => {
    // The local session ends even if the server cannot be told: then it is told when the connection returns.
    localStorage.setItem(SIGN_OUT_OWED, '1');
    await settleOwedSignOut();
    ended();
  }, [ended]);

  const signedIn = useCallback((user: User) => {
    localStorage.removeItem(SIGN_OUT_OWED);
    setState({ status: 'signedIn', user });
  }, []);

  const session = useMemo(
    () =>
      state.status === 'signedIn'
        ? { user: state.user, abilities: new Set(state.user.abilities), signOut: endSession }
        : null,
    [state, endSession],
  );

  if (state.status === 'loading') {
    return <Spin fullscreen description={t('app.loading')} />;
  }
  if (state.status === 'anonymous') {
    return <SignIn onSignedIn={signedIn} />;
  }
  if (state.user.mustChangePassword) {
    const user = state.user;
    return (
      <ChangePassword
        onChanged={() =>
          // asked again, because the abilities come only once the password is changed
          fetchMe().then(signedIn, () => setState({ status: 'signedIn', user: { ...user, mustChangePassword: false } }))
        }
        onSignOut={endSession}
      />
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
