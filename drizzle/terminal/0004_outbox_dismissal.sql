-- A manager can dismiss an entry the server rejected: the entry stays,
-- with who dismissed it, when and why, and is never sent again.
ALTER TABLE `outbox` ADD `dismissed_at` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `dismissed_by` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `dismiss_reason` text;--> statement-breakpoint
CREATE TRIGGER `outbox_dismissal_final` BEFORE UPDATE ON `outbox`
WHEN OLD.`state` = 'dismissed'
BEGIN
	SELECT RAISE(ABORT, 'a dismissed outbox entry is final');
END;
