CREATE TABLE `availability_marks` (
	`target` text NOT NULL,
	`sku` text NOT NULL,
	`sold_out` integer NOT NULL,
	`until_json` text,
	`changed_at` text NOT NULL,
	`staff_id` text,
	PRIMARY KEY(`target`, `sku`)
);
--> statement-breakpoint
CREATE TABLE `order_refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`amount` integer NOT NULL,
	`method` text NOT NULL,
	`reason` text NOT NULL,
	`staff_id` text NOT NULL,
	`approved_by` text NOT NULL,
	`refunded_at` text NOT NULL,
	`business_date` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `order_refunds_order_id` ON `order_refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `order_refunds_business_date` ON `order_refunds` (`business_date`);--> statement-breakpoint
CREATE TABLE `order_voids` (
	`order_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`staff_id` text NOT NULL,
	`approved_by` text NOT NULL,
	`voided_at` text NOT NULL,
	`business_date` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pin_lockout` (
	`id` integer PRIMARY KEY NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	CONSTRAINT "pin_lockout_single_row" CHECK("pin_lockout"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`active` integer NOT NULL,
	`pin_hash` text NOT NULL,
	`pin_salt` text NOT NULL,
	`pin_params_json` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `taken_by_staff_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `taken_by_name` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount_approved_by` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `truck_business_day_cutoff` text DEFAULT '00:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `discount_limit_percent` text DEFAULT '10' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `idle_lock_seconds` integer DEFAULT 300 NOT NULL;