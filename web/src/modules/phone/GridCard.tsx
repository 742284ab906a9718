import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { NoticeBar } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { api } from '../../core/api';
import { useT } from '../../core/i18n';

interface Card {
  code: string;
  name: string;
  communityName: string;
  streetName: string;
  districtName: string;
  station: { name: string; address: string; hours: string } | null;
  team: { role: string; name: string; phone: string | null }[];
}

/** The grid a station's QR code named (`/m?grid=CODE`), or none when the page was opened otherwise. */
export const stationGrid = new URLSearchParams(location.search).get('grid');

/**
 * What the grid station's QR code promises, before and after signing in: which grid this is, where, its station, and
 * the people who answer for it by name, each with a call button when they have a work phone (the number on the station's poster).
 */
export function GridCard({ code }: { code: string }) {
  const { t, code: name } = useT();
  const [card, setCard] = useState<Card | null>();
  useEffect(() => {
    api<Card>('GET', `/api/geo/grids/${encodeURIComponent(code)}/card`).then(setCard, () => setCard(null));
  }, [code]);
  if (card === undefined) return null;
  if (card === null) return <NoticeBar content={t('gridCard.notFound', { code })} color="alert" wrap />;
  return (
    <div className="sz-grid-card" data-testid="grid-card">
      <div className="sz-grid-card-slogan">{t('gridCard.slogan')}</div>
      <div className="sz-grid-card-name">{card.name}</div>
      <div className="sz-grid-card-where">
        {t('gridCard.where', { district: card.districtName, street: card.streetName, community: card.communityName })}
      </div>
      {card.station && (
        <div className="sz-grid-card-station" data-testid="grid-card-station">
          <EnvironmentOutlined /> {card.station.name}
          {card.station.address && ` · ${card.station.address}`}
          {card.station.hours && <div className="sz-grid-card-hours">{card.station.hours}</div>}
        </div>
      )}
      {card.team.length ? (
        <ul className="sz-grid-card-team">
          {card.team.map((m) => (
            <li key={`${m.role}-${m.name}`}>
              <span className="sz-grid-card-role">{name('teamRole', m.role)}</span>
              <span className="sz-grid-card-member">{m.name}</span>
              {m.phone && (
                <a
                  className="sz-grid-card-call"
                  href={`tel:${m.phone.replace(/-/g, '')}`}
                  aria-label={t('gridCard.callLabel', { name: m.name, phone: m.phone })}
                  data-testid="grid-card-call"
                >
                  <PhoneOutlined /> {t('gridCard.call')}
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div className="sz-grid-card-where">{t('gridCard.noTeam')}</div>
      )}
    </div>
  );
}
