import { Spin } from 'antd';
import { type ComponentType, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { onSessionEnded } from '../../core/api';
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

  useEffect(() => {
    let live = true;
    fetchMe()
      .then((user) => live && setState({ status: 'signedIn', user }))
      .catch(() => live && setState({ status: 'anonymous' }));
    const unsubscribe = onSessionEnded(() => setState({ status: 'anonymous' }));
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  const endSession = useCallback(async () => {
    // The local session ends even if the server cannot be told; the cookie then simply expires.
    await signOut().catch(() => undefined);
    setState({ status: 'anonymous' });
  }, []);

  const session = useMemo(
    () => (state.status === 'signedIn' ? { user: state.user, signOut: endSession } : null),
    [state, endSession],
  );

  if (state.status === 'loading') {
    return <Spin fullscreen description={t('app.loading')} />;
  }
  if (state.status === 'anonymous') {
    return <SignIn onSignedIn={(user) => setState({ status: 'signedIn', user })} />;
  }
  if (state.user.mustChangePassword) {
    const user = state.user;
    return (
      <ChangePassword
        onChanged={() => setState({ status: 'signedIn', user: { ...user, mustChangePassword: false } })}
        onSignOut={endSession}
      />
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
