CREATE TABLE identity_users (
  id bigserial PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('resident', 'grid_worker', 'community_staff', 'street_staff',
                                     'department_staff', 'district_admin', 'command_centre')),
  -- '' is the whole deployment; otherwise a region or grid path from geo
  scope_path ltree NOT NULL,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz
);
CREATE UNIQUE INDEX identity_users_username_key ON identity_users (lower(username));
CREATE INDEX identity_users_scope_gist ON identity_users USING gist (scope_path);

-- Console sessions (cookie) and API tokens (bearer) alike; only a keyed hash of the token is stored.
CREATE TABLE identity_sessions (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text
);
CREATE INDEX identity_sessions_user_idx ON identity_sessions (user_id);
