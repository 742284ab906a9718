import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

/**
 * antd-mobile 5 shows Toast, Dialog and ImageViewer.show through ReactDOM.render, which React 19 no longer has;
 * this hands it createRoot instead, as antd-mobile's guide for React 19 says. The unmount waits a tick because
 * antd-mobile may close a toast while React is still rendering.
 */
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
