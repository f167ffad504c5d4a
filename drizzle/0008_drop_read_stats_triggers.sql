-- The read counters of the company views (exhibitor_stats, stall_stats, exhibitor_stall_stats) are
-- moved by the services from now on, in the writing transaction, beside the campaign counters
-- (db/services/counters.ts): the triggers of 0003 and their procedure go. The recount views stay
-- (`npm run counters:reconcile`, the large seed's refill). Hand-written (drizzle-kit generate --custom).
--
-- The counters the triggers kept are correct as they stand; a write by a build older than this
-- migration (which relied on the triggers) after it ran is repaired by `npm run counters:reconcile -- --fix`.
DROP TRIGGER IF EXISTS `follow_ups_read_stats_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `follow_ups_read_stats_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `follow_ups_read_stats_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `conversations_read_stats_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `conversations_read_stats_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `conversations_read_stats_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `bookings_read_stats_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `bookings_read_stats_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `bookings_read_stats_delete`;
--> statement-breakpoint
DROP PROCEDURE IF EXISTS `read_stats_move`;
