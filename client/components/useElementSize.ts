import { type RefObject, useEffect, useRef, useState } from 'react';

export interface ElementSize {
  w: number;
  h: number;
}

/**
 * A ref to put on an element and its inner size in CSS pixels, kept current as the element is
 * resized (0×0 until it is mounted and measured).
 */
export function useElementSize<T extends HTMLElement>(): [RefObject<T | null>, ElementSize] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<ElementSize>({ w: 0, h: 0 });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return [ref, size];
}
