-- Browser sessions of the API (server/auth). The cookie carries a random secret; only its
-- sha256 is stored. A session acts with its token's role and scope, and ends with the token.
CREATE TABLE api_session (
  session_hash  VARCHAR PRIMARY KEY,
  token_id      VARCHAR NOT NULL,
  created_at    TIMESTAMP NOT NULL,
  expires_at    TIMESTAMP NOT NULL,
  ended_at      TIMESTAMP
);
