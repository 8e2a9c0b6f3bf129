# One image for the API, the job workers and the SPA server (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm -r --filter './packages/*' run build && pnpm prune --prod || true

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
EXPOSE 4000 5173 5174 5175
CMD ["node", "packages/server/dist/main.js"]
