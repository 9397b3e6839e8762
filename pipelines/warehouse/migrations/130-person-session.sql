-- Browser sessions of people signed in through an OpenID Connect provider (server/auth). The
-- cookie carries a random secret; only its sha256 is stored. Role and ICS scope are worked out
-- from the provider's claims at sign-in and kept for the session. A session ends at sign-out,
-- after `idle` without a request (last_seen_at is written at most once a minute), or at
-- expires_at, whichever comes first.
CREATE TABLE person_session (
  session_hash  VARCHAR PRIMARY KEY,
  provider      VARCHAR NOT NULL,       -- settings.auth.providers[].id
  subject       VARCHAR NOT NULL,       -- the provider's `sub`
  display_name  VARCHAR,
  role          VARCHAR NOT NULL,
  ics_scope     VARCHAR[],              -- NULL = every ICS
  id_token      VARCHAR,                -- kept for the provider's sign-out (id_token_hint)
  created_at    TIMESTAMP NOT NULL,
  last_seen_at  TIMESTAMP NOT NULL,
  expires_at    TIMESTAMP NOT NULL,     -- the absolute limit
  ended_at      TIMESTAMP
);

-- Who made each request: for a person's session, the provider, its subject and display name.
ALTER TABLE audit_log ADD COLUMN provider VARCHAR;
ALTER TABLE audit_log ADD COLUMN subject VARCHAR;
ALTER TABLE audit_log ADD COLUMN display_name VARCHAR;
