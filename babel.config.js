// One Babel config for the repo: Jest (NODE_ENV=test) compiles TypeScript for Node;
// everything else is the Taro client build (client/babel.config.js re-exports this file).
module.exports = (api) => {
  const isTest = api.env('test');
  api.cache.using(() => `${process.env.NODE_ENV}:${process.env.TARO_ENV || ''}`);
  if (isTest) {
    return {
      presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
    };
  }
  return {
    presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  };
};
