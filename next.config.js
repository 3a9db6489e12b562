/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Prisma client are server-only Node modules.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
