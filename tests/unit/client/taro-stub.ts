// What the client's modules touch of @tarojs/taro when a unit test imports them: storage (the invite code) and
// nothing else at import time. Calls to the cloud are injected into the stores, never made through here.
const storage = new Map<string, unknown>();

const Taro = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  cloud: {
    callFunction: () => Promise.reject(new Error('unit tests inject call')),
    uploadFile: () => Promise.reject(new Error('unit tests inject upload')),
  },
};

export default Taro;
