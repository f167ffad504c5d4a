CREATE TABLE `audit_log` (
	`id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`at` datetime(3) NOT NULL,
	`user_id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin,
	`origin` enum('screen','import','script') NOT NULL,
	`origin_detail` varchar(160),
	`action` varchar(48) NOT NULL,
	`entity` varchar(32) NOT NULL,
	`entity_id` varchar(64) NOT NULL,
	`before` json,
	`after` json,
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_index` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_user_index` ON `audit_log` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_action_index` ON `audit_log` (`action`,`id`);