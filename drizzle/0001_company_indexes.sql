CREATE INDEX `follow_ups_exhibitor_id_campaign_id_index` ON `follow_ups` (`exhibitor_id`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `bookings_exhibitor_id_cancelled_at_covering_index` ON `bookings` (`exhibitor_id`,`cancelled_at`,`campaign_id`,`table_id`,`created_at`,`price`,`amount_paid`);--> statement-breakpoint
CREATE INDEX `bookings_table_id_cancelled_at_price_amount_paid_index` ON `bookings` (`table_id`,`cancelled_at`,`price`,`amount_paid`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_table_id_kind_index` ON `conversations` (`exhibitor_id`,`table_id`,`kind`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_campaign_id_conversation_date_index` ON `conversations` (`exhibitor_id`,`campaign_id`,`conversation_date`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_employee_id_conversation_date_index` ON `conversations` (`exhibitor_id`,`employee_id`,`conversation_date`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_location_id_conversation_date_index` ON `conversations` (`exhibitor_id`,`location_id`,`conversation_date`);--> statement-breakpoint
CREATE INDEX `conversations_table_id_kind_index` ON `conversations` (`table_id`,`kind`);