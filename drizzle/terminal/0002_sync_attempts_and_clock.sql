CREATE TABLE `sync_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`outcome` text NOT NULL,
	`pushed` integer NOT NULL,
	`acked` integer NOT NULL,
	`rejected` integer NOT NULL,
	`http_status` integer,
	`error` text
);
--> statement-breakpoint
ALTER TABLE `settings` ADD `clock_skew_ms` integer;--> statement-breakpoint
ALTER TABLE `settings` ADD `reconciliation_json` text;