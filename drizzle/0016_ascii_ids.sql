-- Every column holding a ULID (and employee_id, which holds users.id) becomes
-- ASCII with a binary collation: key comparisons are byte comparisons instead of
-- utf8mb4_unicode_ci's. A column in a foreign key cannot change its character
-- set, even with the checks off: the foreign keys on these columns are dropped,
-- each table is rebuilt once with its columns changed, and the same foreign keys
-- are added back (the data is unchanged, so with the checks off they are added
-- without a scan). RESTRICT is written as the default (no ON DELETE): added in
-- place, an explicit RESTRICT is stored as NO ACTION (the same rule in InnoDB,
-- but not the same DDL as a fresh database's).
SET SESSION foreign_key_checks = 0;--> statement-breakpoint
ALTER TABLE `bookings` DROP FOREIGN KEY `bookings_campaign_id_foreign`, DROP FOREIGN KEY `bookings_conversation_id_foreign`, DROP FOREIGN KEY `bookings_employee_id_foreign`, DROP FOREIGN KEY `bookings_exhibitor_id_foreign`, DROP FOREIGN KEY `bookings_visitor_id_foreign`;--> statement-breakpoint
ALTER TABLE `campaigns` DROP FOREIGN KEY `campaigns_created_by_foreign`;--> statement-breakpoint
ALTER TABLE `campaign_recipients` DROP FOREIGN KEY `campaign_recipients_campaign_id_foreign`, DROP FOREIGN KEY `campaign_recipients_contact_id_foreign`;--> statement-breakpoint
ALTER TABLE `conversations` DROP FOREIGN KEY `conversations_booking_id_foreign`, DROP FOREIGN KEY `conversations_campaign_id_foreign`, DROP FOREIGN KEY `conversations_employee_id_foreign`, DROP FOREIGN KEY `conversations_exhibitor_id_foreign`, DROP FOREIGN KEY `conversations_visitor_id_foreign`;--> statement-breakpoint
ALTER TABLE `follow_ups` DROP FOREIGN KEY `follow_ups_campaign_id_foreign`, DROP FOREIGN KEY `follow_ups_conversation_id_foreign`, DROP FOREIGN KEY `follow_ups_employee_id_foreign`, DROP FOREIGN KEY `follow_ups_exhibitor_id_foreign`, DROP FOREIGN KEY `follow_ups_visitor_id_foreign`;--> statement-breakpoint
ALTER TABLE `users` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_import_rows` MODIFY COLUMN `import_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `contact_id` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `contact_imports` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_merge_companies` MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `merge_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_merges` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `survivor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `merged_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `merged_into_id` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `campaign_recipients` MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `contact_id` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `campaigns` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `created_by` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `follow_ups` MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `visitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `conversation_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `employee_id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `bookings` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `employee_id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `visitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `conversation_id` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `conversations` MODIFY COLUMN `id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `visitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `employee_id` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin, MODIFY COLUMN `booking_id` char(26) CHARACTER SET ascii COLLATE ascii_bin;--> statement-breakpoint
ALTER TABLE `campaign_stats` MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `exhibitor_campaign_stats` MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, MODIFY COLUMN `campaign_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `exhibitor_stall_stats` MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `exhibitor_stats` MODIFY COLUMN `exhibitor_id` char(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_conversation_id_foreign` FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaigns` ADD CONSTRAINT `campaigns_created_by_foreign` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD CONSTRAINT `campaign_recipients_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD CONSTRAINT `campaign_recipients_contact_id_foreign` FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_booking_id_foreign` FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_conversation_id_foreign` FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
SET SESSION foreign_key_checks = 1;
