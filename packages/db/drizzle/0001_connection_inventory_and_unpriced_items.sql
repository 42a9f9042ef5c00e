ALTER TABLE "amazon_order_items" ALTER COLUMN "currency_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "amazon_order_items" ALTER COLUMN "unit_price" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "amazon_order_items" ALTER COLUMN "line_total" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "commerce_connections" ADD COLUMN "inventory_mode" text DEFAULT 'msi' NOT NULL;--> statement-breakpoint
ALTER TABLE "commerce_connections" ADD COLUMN "msi_source_code" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "commerce_connections" ADD CONSTRAINT "commerce_connections_inventory_mode_check" CHECK ("commerce_connections"."inventory_mode" in ('msi', 'legacy'));--> statement-breakpoint
ALTER TABLE "amazon_order_items" ADD CONSTRAINT "amazon_order_items_priced_check" CHECK (("amazon_order_items"."unit_price" is null and "amazon_order_items"."line_total" is null) or ("amazon_order_items"."unit_price" is not null and "amazon_order_items"."line_total" is not null and "amazon_order_items"."currency_code" is not null));