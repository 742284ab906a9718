-- When each person last signed in successfully, so an administrator can see accounts nobody uses.
ALTER TABLE identity_users ADD COLUMN last_sign_in_at timestamptz;
