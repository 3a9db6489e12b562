/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Prisma client are server-only Node modules.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // A whole postmortem (narrative up to 200,000 characters plus up to 200 rows per list)
    // is sent in one server action; lib/incidents/form.ts FORM_JSON_MAX stays below this.
    serverActions: { bodySizeLimit: '4mb' },
  },
};

export default nextConfig;
