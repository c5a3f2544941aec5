// The side menu's 'enterprise services 涉企服务' group: declared by the enterprise-services module,
// joined by the modules whose pages serve enterprises (registry, visits, policies) through this key.
export const ENTERPRISE_SERVICES_GROUP = 'enterprise-services';
