CREATE TABLE `daily_counters` (
	`business_date` text PRIMARY KEY NOT NULL,
	`last_sequence` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `menus` (
	`version` integer PRIMARY KEY NOT NULL,
	`menu_json` text NOT NULL,
	`received_at` text NOT NULL,
	`active` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `menus_one_active` ON `menus` (`active`) WHERE "menus"."active" = 1;--> statement-breakpoint
CREATE TABLE `order_lines` (
	`order_id` text NOT NULL,
	`position` integer NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`base_price` integer NOT NULL,
	`modifiers_json` text NOT NULL,
	`unit_price` integer NOT NULL,
	`gross` integer NOT NULL,
	`discount` integer NOT NULL,
	`net` integer NOT NULL,
	`taxes_json` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_order_position` ON `order_lines` (`order_id`,`position`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`terminal_sequence` integer NOT NULL,
	`business_date` text NOT NULL,
	`created_at` text NOT NULL,
	`menu_version` integer NOT NULL,
	`currency` text NOT NULL,
	`tax_mode` text NOT NULL,
	`cash_rounding` integer,
	`discount_json` text,
	`tip_json` text,
	`tender_json` text NOT NULL,
	`tender_method` text NOT NULL,
	`subtotal` integer NOT NULL,
	`discount` integer NOT NULL,
	`tax` integer NOT NULL,
	`tip` integer NOT NULL,
	`rounding` integer NOT NULL,
	`total` integer NOT NULL,
	`change` integer NOT NULL,
	`tax_by_rate_json` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_business_date_sequence` ON `orders` (`business_date`,`terminal_sequence`);--> statement-breakpoint
CREATE INDEX `orders_business_date_created_at` ON `orders` (`business_date`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload_json` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error_code` text,
	`last_error_message` text,
	`acked_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_state_id` ON `outbox` (`state`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_entity_id` ON `outbox` (`entity_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`method` text NOT NULL,
	`amount` integer NOT NULL,
	`cash_given` integer,
	`change` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_order_id` ON `payments` (`order_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`server_url` text,
	`device_id` text,
	`device_name` text,
	`device_token` text,
	`organization_name` text,
	`truck_id` text,
	`truck_name` text,
	`truck_timezone` text,
	`slot` integer,
	`pull_cursor` text DEFAULT '0' NOT NULL,
	`last_sync_success_at` text,
	`last_sync_error` text,
	CONSTRAINT "settings_single_row" CHECK("settings"."id" = 1)
);
