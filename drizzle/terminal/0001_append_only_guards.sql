-- Orders and their outbox entries are append-only until the server acks
-- them: these triggers make SQLite reject a delete of anything not acked.
CREATE TRIGGER `outbox_keep_unacked` BEFORE DELETE ON `outbox`
WHEN OLD.`state` <> 'acked'
BEGIN
	SELECT RAISE(ABORT, 'outbox entries are kept until the server acks them');
END;
--> statement-breakpoint
CREATE TRIGGER `orders_keep_unacked` BEFORE DELETE ON `orders`
WHEN EXISTS (
	SELECT 1 FROM `outbox`
	WHERE `outbox`.`entity_id` = OLD.`id` AND `outbox`.`state` <> 'acked'
)
BEGIN
	SELECT RAISE(ABORT, 'orders are kept until the server acks them');
END;
