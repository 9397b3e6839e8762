-- The one-click sign-in link printed at start (server/auth/sign-in-link.ts): its token can
-- start one browser session, once, before expires_at; it is never accepted as a bearer token.
-- The session it starts is bound to it (revoking the token ends the session).
CREATE TABLE sign_in_link (
  token_id    VARCHAR PRIMARY KEY,
  expires_at  TIMESTAMP NOT NULL,
  used_at     TIMESTAMP
);
