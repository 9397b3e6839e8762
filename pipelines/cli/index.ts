export { cliTokenFile, serviceClient, type ServiceClient } from './service-client.js';
