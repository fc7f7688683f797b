# ghconnect: the bot as an image. Two stages: the build compiles TypeScript with the dev dependencies; the image
# keeps only the production dependencies (not TypeScript, which Prisma names as an optional peer and npm keeps
# unless optional packages are left out too), the compiled bot and the migrations, and runs as a user without rights.
# No step downloads a Prisma engine: .npmrc turns install scripts off, and the client is generated from the schema
# by scripts/generate-prisma.mjs (docs/decisions/001-prisma-without-engines.md).
# scripts/check-image-steps.ts runs these same steps outside Docker in CI; keep the two in step.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/generate-prisma.mjs && node scripts/build.mjs

FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --omit=optional && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--optimize-for-size", "dist/main.bundle.js"]
