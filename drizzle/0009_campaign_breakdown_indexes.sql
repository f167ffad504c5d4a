-- The campaign page's exhibitor breakdown and revenue by status read from indexes alone.
CREATE INDEX `follow_ups_campaign_id_exhibitor_id_index` ON `follow_ups` (`campaign_id`,`exhibitor_id`);--> statement-breakpoint
CREATE INDEX `bookings_campaign_id_cancelled_at_covering_index` ON `bookings` (`campaign_id`,`cancelled_at`,`exhibitor_id`,`amount_status`,`price`,`amount_paid`);
