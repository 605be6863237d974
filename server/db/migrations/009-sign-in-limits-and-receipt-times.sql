-- Sign-in limits (issue 12). Failures are now counted per account and address, per account
-- and per address; the account-and-address pair gets its own index. A row is written before the
-- password is checked (a pending attempt counts as a failure until it is proven right), so
-- concurrent guesses at one account cannot all read the same count.
CREATE INDEX sign_in_failures_email_ip_idx ON sign_in_failures (email, ip, failed_at);

-- When the server received a submitted audit, beside the completion time the device claims:
-- a tablet's clock can be wrong, the server's receipt time is the one Lantern itself saw.
ALTER TABLE audits ADD COLUMN completed_received_at timestamptz;
ALTER TABLE audit_revisions ADD COLUMN completed_received_at timestamptz;
