CREATE TABLE `login_attempts` (
	`email` varchar(255) NOT NULL,
	`failures` int NOT NULL DEFAULT 0,
	`last_failed_at` timestamp,
	`locked_until` timestamp,
	CONSTRAINT `login_attempts_email` PRIMARY KEY(`email`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` char(26) NOT NULL,
	`name` varchar(255) NOT NULL,
	`email` varchar(255) NOT NULL,
	`password` varchar(255) NOT NULL,
	`role` enum('employee','manager','admin') NOT NULL DEFAULT 'employee',
	`active` boolean NOT NULL DEFAULT true,
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_unique` UNIQUE(`email`)
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` char(26) NOT NULL,
	`type` enum('exhibitor','visitor') NOT NULL,
	`name` varchar(255) NOT NULL,
	`company_name` varchar(255),
	`phone` varchar(32),
	`email` varchar(255),
	`city` varchar(255),
	`deleted_at` timestamp,
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `contacts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `location_mngt` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`loc_name` varchar(255) NOT NULL,
	`address` text,
	`event_start_date` date,
	`event_end_date` date,
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `location_mngt_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `location_mngt_table_details` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`location_mngt_id` bigint unsigned NOT NULL,
	`table_name` varchar(64) NOT NULL,
	`price` decimal(15,2) NOT NULL DEFAULT '0.00',
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `location_mngt_table_details_id` PRIMARY KEY(`id`),
	CONSTRAINT `location_mngt_table_details_location_table_unique` UNIQUE(`location_mngt_id`,`table_name`)
);
--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`campaign_id` char(26) NOT NULL,
	`contact_id` char(26),
	`phone` varchar(32) NOT NULL,
	`name` varchar(255),
	`status` enum('pending','sent','failed') NOT NULL DEFAULT 'pending',
	`sent_at` timestamp,
	`error` text,
	`provider_message_id` varchar(255),
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `campaign_recipients_id` PRIMARY KEY(`id`),
	CONSTRAINT `campaign_recipients_campaign_id_phone_unique` UNIQUE(`campaign_id`,`phone`)
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` char(26) NOT NULL,
	`name` varchar(255) NOT NULL,
	`channel` enum('whatsapp','sms','email') NOT NULL DEFAULT 'whatsapp',
	`message` text,
	`status` enum('draft','sending','sent') NOT NULL DEFAULT 'draft',
	`sent_at` timestamp,
	`created_by` char(26),
	`total_messages_sent` int NOT NULL DEFAULT 0,
	`total_leads_generated` int NOT NULL DEFAULT 0,
	`total_bookings_created` int NOT NULL DEFAULT 0,
	`total_revenue` decimal(15,2) NOT NULL DEFAULT '0.00',
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `campaigns_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`phone` varchar(255) NOT NULL,
	`exhibitor_id` char(26),
	`visitor_id` char(26),
	`location_id` bigint unsigned,
	`table_id` bigint unsigned,
	`campaign_id` char(26),
	`conversation_id` char(26),
	`status` enum('busy','interested','materialised') NOT NULL,
	`next_followup_date` date,
	`next_followup_time` time,
	`comment` text,
	`employee_id` varchar(255) NOT NULL,
	`open_lead_phone` varchar(255) GENERATED ALWAYS AS ((case when `status` <> 'materialised' and `exhibitor_id` is not null then `phone` end)) STORED,
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `follow_ups_id` PRIMARY KEY(`id`),
	CONSTRAINT `follow_ups_open_lead_unique` UNIQUE(`exhibitor_id`,`open_lead_phone`)
);
--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` char(26) NOT NULL,
	`phone` varchar(255),
	`booking_date` date NOT NULL,
	`booking_location` varchar(255),
	`table_no` varchar(255),
	`price` decimal(15,2),
	`amount_status` enum('paid','partial','unpaid'),
	`amount_paid` decimal(15,2),
	`employee_id` varchar(255) NOT NULL,
	`exhibitor_id` char(26),
	`visitor_id` char(26),
	`location_id` bigint unsigned,
	`table_id` bigint unsigned,
	`campaign_id` char(26),
	`conversation_id` char(26),
	`cancelled_at` timestamp,
	`active_table_id` bigint unsigned GENERATED ALWAYS AS ((case when `cancelled_at` is null then `table_id` end)) STORED,
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `bookings_id` PRIMARY KEY(`id`),
	CONSTRAINT `bookings_stall_date_unique` UNIQUE(`active_table_id`,`booking_date`)
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` char(26) NOT NULL,
	`exhibitor_id` char(26) NOT NULL,
	`visitor_id` char(26),
	`visitor_phone` varchar(255),
	`employee_id` varchar(255) NOT NULL,
	`location_id` bigint unsigned,
	`table_id` bigint unsigned,
	`campaign_id` char(26),
	`outcome` enum('busy','interested','materialised') NOT NULL,
	`kind` enum('talk','payment','cancellation','manual','import') NOT NULL DEFAULT 'talk',
	`notes` text,
	`conversation_date` timestamp NOT NULL DEFAULT (now()),
	`follow_up_id` bigint unsigned,
	`booking_id` char(26),
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `conversations_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` varchar(64) NOT NULL,
	`user_id` varchar(255) NOT NULL,
	`action` varchar(64) NOT NULL,
	`result` json,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `idempotency_keys_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
ALTER TABLE `location_mngt_table_details` ADD CONSTRAINT `location_mngt_table_details_location_mngt_id_foreign` FOREIGN KEY (`location_mngt_id`) REFERENCES `location_mngt`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD CONSTRAINT `campaign_recipients_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaign_recipients` ADD CONSTRAINT `campaign_recipients_contact_id_foreign` FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaigns` ADD CONSTRAINT `campaigns_created_by_foreign` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_location_id_foreign` FOREIGN KEY (`location_id`) REFERENCES `location_mngt`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_table_id_foreign` FOREIGN KEY (`table_id`) REFERENCES `location_mngt_table_details`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_conversation_id_foreign` FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD CONSTRAINT `follow_ups_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_location_id_foreign` FOREIGN KEY (`location_id`) REFERENCES `location_mngt`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_table_id_foreign` FOREIGN KEY (`table_id`) REFERENCES `location_mngt_table_details`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_conversation_id_foreign` FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_exhibitor_id_foreign` FOREIGN KEY (`exhibitor_id`) REFERENCES `contacts`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_visitor_id_foreign` FOREIGN KEY (`visitor_id`) REFERENCES `contacts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_employee_id_foreign` FOREIGN KEY (`employee_id`) REFERENCES `users`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_location_id_foreign` FOREIGN KEY (`location_id`) REFERENCES `location_mngt`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_table_id_foreign` FOREIGN KEY (`table_id`) REFERENCES `location_mngt_table_details`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_campaign_id_foreign` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_follow_up_id_foreign` FOREIGN KEY (`follow_up_id`) REFERENCES `follow_ups`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_booking_id_foreign` FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `users_role_index` ON `users` (`role`);--> statement-breakpoint
CREATE INDEX `contacts_phone_index` ON `contacts` (`phone`);--> statement-breakpoint
CREATE INDEX `contacts_type_name_index` ON `contacts` (`type`,`name`);--> statement-breakpoint
CREATE INDEX `contacts_city_index` ON `contacts` (`city`);--> statement-breakpoint
CREATE INDEX `location_mngt_loc_name_index` ON `location_mngt` (`loc_name`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_campaign_id_status_index` ON `campaign_recipients` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_phone_status_sent_at_index` ON `campaign_recipients` (`phone`,`status`,`sent_at`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_contact_id_index` ON `campaign_recipients` (`contact_id`);--> statement-breakpoint
CREATE INDEX `campaigns_total_revenue_index` ON `campaigns` (`total_revenue`);--> statement-breakpoint
CREATE INDEX `campaigns_status_index` ON `campaigns` (`status`);--> statement-breakpoint
CREATE INDEX `follow_ups_phone_index` ON `follow_ups` (`phone`);--> statement-breakpoint
CREATE INDEX `follow_ups_exhibitor_id_index` ON `follow_ups` (`exhibitor_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_visitor_id_index` ON `follow_ups` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_location_id_index` ON `follow_ups` (`location_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_table_id_index` ON `follow_ups` (`table_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_campaign_id_index` ON `follow_ups` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_conversation_id_index` ON `follow_ups` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_exhibitor_id_status_created_at_index` ON `follow_ups` (`exhibitor_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `follow_ups_employee_id_next_followup_date_index` ON `follow_ups` (`employee_id`,`next_followup_date`);--> statement-breakpoint
CREATE INDEX `bookings_phone_index` ON `bookings` (`phone`);--> statement-breakpoint
CREATE INDEX `bookings_booking_date_index` ON `bookings` (`booking_date`);--> statement-breakpoint
CREATE INDEX `bookings_booking_location_index` ON `bookings` (`booking_location`);--> statement-breakpoint
CREATE INDEX `bookings_exhibitor_id_index` ON `bookings` (`exhibitor_id`);--> statement-breakpoint
CREATE INDEX `bookings_visitor_id_index` ON `bookings` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `bookings_location_id_index` ON `bookings` (`location_id`);--> statement-breakpoint
CREATE INDEX `bookings_table_id_index` ON `bookings` (`table_id`);--> statement-breakpoint
CREATE INDEX `bookings_campaign_id_index` ON `bookings` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `bookings_conversation_id_index` ON `bookings` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `bookings_campaign_id_amount_paid_index` ON `bookings` (`campaign_id`,`amount_paid`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_index` ON `conversations` (`exhibitor_id`);--> statement-breakpoint
CREATE INDEX `conversations_visitor_id_index` ON `conversations` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `conversations_visitor_phone_index` ON `conversations` (`visitor_phone`);--> statement-breakpoint
CREATE INDEX `conversations_employee_id_index` ON `conversations` (`employee_id`);--> statement-breakpoint
CREATE INDEX `conversations_location_id_index` ON `conversations` (`location_id`);--> statement-breakpoint
CREATE INDEX `conversations_table_id_index` ON `conversations` (`table_id`);--> statement-breakpoint
CREATE INDEX `conversations_campaign_id_index` ON `conversations` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `conversations_conversation_date_index` ON `conversations` (`conversation_date`);--> statement-breakpoint
CREATE INDEX `conversations_outcome_index` ON `conversations` (`outcome`);--> statement-breakpoint
CREATE INDEX `conversations_follow_up_id_index` ON `conversations` (`follow_up_id`);--> statement-breakpoint
CREATE INDEX `conversations_booking_id_index` ON `conversations` (`booking_id`);--> statement-breakpoint
CREATE INDEX `conversations_exhibitor_id_conversation_date_index` ON `conversations` (`exhibitor_id`,`conversation_date`);--> statement-breakpoint
CREATE INDEX `conversations_campaign_id_outcome_index` ON `conversations` (`campaign_id`,`outcome`);--> statement-breakpoint
CREATE INDEX `conversations_location_id_table_id_conversation_date_index` ON `conversations` (`location_id`,`table_id`,`conversation_date`);