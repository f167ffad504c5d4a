CREATE TABLE `app_settings` (
	`id` tinyint unsigned NOT NULL DEFAULT 1,
	`attribution_window_days` int NOT NULL DEFAULT 30,
	`attribution_model` enum('last','first') NOT NULL DEFAULT 'last',
	`updated_by` varchar(255),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `app_settings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
INSERT INTO `app_settings` (`id`) VALUES (1);--> statement-breakpoint
CREATE INDEX `follow_ups_campaign_id_created_at_index` ON `follow_ups` (`campaign_id`,`created_at`);--> statement-breakpoint
DROP INDEX `follow_ups_campaign_id_index` ON `follow_ups`;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `total_booked_value` decimal(15,2) DEFAULT '0.00' NOT NULL;--> statement-breakpoint
UPDATE `campaigns` c
  LEFT JOIN (SELECT campaign_id, SUM(price) AS booked FROM bookings WHERE cancelled_at IS NULL AND campaign_id IS NOT NULL GROUP BY campaign_id) b ON b.campaign_id = c.id
  SET c.total_booked_value = COALESCE(b.booked, 0), c.updated_at = c.updated_at;
