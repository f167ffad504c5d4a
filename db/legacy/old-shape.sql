-- The organiser's database before the extension (design document §1: the tables it extends), as
-- the old Laravel app left it: follow-ups with only a phone, status, comment, dates and employee;
-- bookings with a phone, free-text location and stall, and money stored as text; older character
-- sets. Used by the tests and by `npm run legacy:bench` to build old-shape databases; our
-- migrations adopt it in place (db/legacy/adopt.ts).
CREATE TABLE `users` (
  `id` char(26) NOT NULL,
  `name` varchar(255) NOT NULL,
  `email` varchar(255) NOT NULL,
  `password` varchar(255) NOT NULL,
  `remember_token` varchar(100) DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_email_unique` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
--> statement-breakpoint
CREATE TABLE `contacts` (
  `id` char(26) NOT NULL,
  `type` enum('exhibitor','visitor') NOT NULL,
  `name` varchar(255) NOT NULL,
  `company_name` varchar(255) DEFAULT NULL,
  `phone` varchar(255) DEFAULT NULL,
  `email` varchar(255) DEFAULT NULL,
  `city` varchar(255) DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `contacts_phone_index` (`phone`)
) ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci;
--> statement-breakpoint
CREATE TABLE `location_mngt` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `loc_name` varchar(255) NOT NULL,
  `address` text DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
--> statement-breakpoint
CREATE TABLE `location_mngt_table_details` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `location_mngt_id` bigint(20) unsigned NOT NULL,
  `table_name` varchar(64) NOT NULL,
  `price` decimal(15,2) NOT NULL DEFAULT 0.00,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `location_mngt_table_details_location_mngt_id_index` (`location_mngt_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
--> statement-breakpoint
CREATE TABLE `campaigns` (
  `id` char(26) NOT NULL,
  `name` varchar(255) NOT NULL,
  `channel` enum('whatsapp','sms','email') NOT NULL DEFAULT 'whatsapp',
  `message` text DEFAULT NULL,
  `status` enum('draft','sending','sent') NOT NULL DEFAULT 'draft',
  `sent_at` timestamp NULL DEFAULT NULL,
  `created_by` char(26) DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `campaign_id` char(26) NOT NULL,
  `contact_id` char(26) DEFAULT NULL,
  `phone` varchar(32) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `status` enum('pending','sent','failed') NOT NULL DEFAULT 'pending',
  `sent_at` timestamp NULL DEFAULT NULL,
  `error` text DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `campaign_recipients_campaign_id_index` (`campaign_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
--> statement-breakpoint
CREATE TABLE `follow_ups` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `phone` varchar(255) NOT NULL,
  `status` enum('busy','interested','materialised') NOT NULL,
  `next_followup_date` date DEFAULT NULL,
  `next_followup_time` time DEFAULT NULL,
  `comment` text DEFAULT NULL,
  `employee_id` varchar(255) NOT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `follow_ups_phone_index` (`phone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci;
--> statement-breakpoint
CREATE TABLE `bookings` (
  `id` char(26) NOT NULL,
  `phone` varchar(255) DEFAULT NULL,
  `booking_date` date NOT NULL,
  `booking_location` varchar(255) DEFAULT NULL,
  `table_no` varchar(255) DEFAULT NULL,
  `price` varchar(255) DEFAULT NULL,
  `amount_status` enum('paid','partial','unpaid') DEFAULT NULL,
  `amount_paid` varchar(255) DEFAULT NULL,
  `employee_id` varchar(255) NOT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `bookings_phone_index` (`phone`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
