const { composePlugins, withNx } = require('@nx/webpack');

// Node bundle of the API and its libraries; node_modules stay external.
module.exports = composePlugins(withNx({ target: 'node' }), (config) => {
  config.devtool = 'source-map';
  return config;
});
