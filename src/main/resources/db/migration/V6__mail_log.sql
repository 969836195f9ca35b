-- Every mail the application handed to the SMTP server or wrote to the outbox, for the upgrade record.
-- Written by MailService in its own transaction: a mail that went out stays recorded even when the job that
-- sent it rolls back. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE mail_log (
    id          VARCHAR(36)              NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    template    VARCHAR(100)             NOT NULL,
    subject     VARCHAR(1000)            NOT NULL,
    -- comma-separated addresses
    recipients  VARCHAR(4000)            NOT NULL,
    -- the upgrade the mail belongs to, when its model names one
    upgrade_id  VARCHAR(100),
    message_id  VARCHAR(500),
    attachments VARCHAR(1000),
    CONSTRAINT pk_mail_log PRIMARY KEY (id)
);

CREATE INDEX ix_mail_log_upgrade_id ON mail_log (upgrade_id);
