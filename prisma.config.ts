import { defineConfig } from "prisma/config";

// engine "js" keeps the Prisma CLI from downloading its binary engines (docs: ../shared/docs/prisma-offline.md).
// The CLI is only used to generate the client and to author migrations with `migrate diff`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/unused" });
  },
});
