import { useEffect, useState } from 'react';
import { errorMessage } from '../../core/api';
import { type Catalogue, fetchCatalogue } from './api';

/** The names of device kinds and alarm types in both languages; asked once per visit to the page. */
export function useCatalogue(): { catalogue?: Catalogue; error?: string } {
  const [state, setState] = useState<{ catalogue?: Catalogue; error?: string }>({});
  useEffect(() => {
    let live = true;
    fetchCatalogue().then(
      (catalogue) => live && setState({ catalogue }),
      (err: unknown) => live && setState({ error: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
