-- Each process keeps the sessions it has just looked up for a few seconds (server/auth/
-- session-cache.ts). Whatever can end a session or change who its person is tells every
-- process at once, at commit, through NOTIFY on the channel every connection listens on:
--   's:<token hash>'  a session was changed or deleted (signed out, revoked, expired by hand);
--   'p:<person id>'   a person was changed or deleted (roles, team, service, deactivated, guest);
--   '*'               forget every session (a round's end date, which ends its guests' access,
--                     or a table emptied).
-- A notice is sent only if its transaction commits, and one transaction's equal notices are
-- sent once.

CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('lantern_changes', '*');
  ELSIF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('lantern_changes', 's:' || OLD.token_hash);
  ELSE
    PERFORM pg_notify('lantern_changes', 'p:' || OLD.id::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_notify_change AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER people_notify_change AFTER UPDATE OR DELETE ON people
  FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER rounds_notify_change AFTER UPDATE OF end_date OR DELETE ON rounds
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER sessions_notify_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER people_notify_truncate AFTER TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER rounds_notify_truncate AFTER TRUNCATE ON rounds
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
