import type { TServiceAccount } from '../model/types.ts';

/*
 * The demo's service accounts and their private keys. These keys are published on purpose: they
 * exist only so the simulator's demo works the same on every start and every machine (other
 * tests and docs write the key file from them). No real Google project knows them.
 */

const BACKUP_KEY = `
-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDcqQihqUdK1mmK
sgNq3hIe/P+uxIfgRYPwRIZz6PBWV+wys5Wi10fbEBRvnyhJPoS3Vh60OL/q8NCR
kirheu1D3L0IdpWwsCvM/gkDbYBOOoSbke47F+LH/JHpwRfEF/v2TCeA+COsqegx
4WDPqK36ADTMlAnZoD+1XEAaVgekj229oWkX5REI+6xsYpsYVcUHHGv6t/C9Aypv
60alTrZzx7QJdxLCX/doCGo02oOtwOd11T+/qouhqrE0HpvXQUGcDGjYIuRq2jZD
3xBhEB/utxzfoOW7KtYjsTIoivugdqOkx2hoazDf2ik+FE1G8rGBROi02AQ5pYgq
/n6FLgbLAgMBAAECggEACResA+FSTzqjkbQBIQuyinVZYc22XZ7vr1xbf/Y2xRAN
aw9sWI/vZY71kJ3pzo7VcCqLzFhUTC2NIpp3yt/CXBwB7BHa3DN+Mo27OFlwQoj1
wuVSADxdO2lkZ9HtlUZ5uu3raMyQx8Iej8OeNiBYvub4Rf/Joh6Q0XvSJmOqH/U3
cbOwd1LEmqmOLKMeL2C1dQ8azgMPqHa7ml1HF0I/RBBUIx/nI7PK3Gk0svFnF5qQ
fdm245tJB1EenlDKIv3OsWUtCnDfb2Oh8x70pQ2tQUYoU6rELtrZymvCnaPnZJ6Q
FtbX0gV6WkWBwR1U9/cV4ImUXAMHItTB+wAKqL+b+QKBgQD3K67i7KXiOvht+2lc
PYnzudPcu3Owq7rbd0c2v8NDiy26xlwpjF6YnNGySZYcJ6JnzJJAMboZzs7jZHyD
BqLf9m7kdYCvvYKYgrdxPqXokKf7JNK/E4yO0Pw2gprk+O3yC0d/DHUj+R+lBzYB
NqXZeGcj/qTed817mTPPmAbKIwKBgQDkiutyHjzFuoRHSV44sXmAdjrf0FGyAu5W
7M1yAiQ2WeAOpLHyBGKsdfwTboEeYx/E907HHqF3N6lUnnEvomkKXenh5EbtgcbI
ApLoLMPFPHY21rbYVzocizOIqyZbVTTrrBYaSZbu6/SsEKgo9eTdwhqvd+2965CW
/xdDruS3OQKBgFvck1npQ9mpuwz9JHJQuMWpadEepeeiW4cXdJMngAXJY0yITlZu
wfWMSu8tJCoAnP5g7HYJRTY0Q3YFsbTssXn1V8920EYAc9oEsvLWqsidgqD3VZAI
TvQBPctwjOrOjXiosoDIe3zMKPOnk22uBsOlWQfqqxG3itoF3VipEtTrAoGASA6A
03czJAh9olhAi9FxBI7CW0S8LUr9SIza7aI9NqG5ogRNUogNcGC2vI2vyhvorVpo
DSHcONFk4xgdia5EPg+EKUOnFUVAnlkpZmiOxQYeI4YpGibOXKeK9QE5U7yWteOJ
CHrBSs08VG/gBSIaKc0ESuSeIa4+5UzCUgW3eQkCgYA9+GevU0vi6teJV40God2M
AH7qyQI8XQ9npifHTh/R+n1EMoH+STlwIxet+L0O4HFuJn63wfurc/SPxgVQc2BX
tX+hPAeUnSXjra5qIEWAOnvVDzE+/mw1SSY/LwRiTB+UoV/AQiA/5Sz4iLwmj7mP
l/YnRTYkjK9MyGTWT1xMsg==
-----END PRIVATE KEY-----
`.trim();

const READ_ONLY_KEY = `
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDTYMoxxJeHmuu7
d/N4jRwO/JM+wBJDjowJ6BqZMiFk4RiSFYIGnz8dQ9HvftECy7GMH6KhK+6lDEWv
rtl5AFJK1eFQm/TGWKydeyH22NfbptMh4A1b9WwXegMTHDqg0VmunnuXVWIGZL/i
YNq3hOpWfpUzE7ijJJpUh9brd0WninFqgANUfwjcqJbd5zZdJGVCsP/67sd+u8jb
bT8Wsxlw+oIQktulVxFrlNB239x0I/H8BGBuMf5bNxXU9/HNeBgUs5nKpZkKlPpL
Nn1IiUrKd/tkBtNMhttrQHC4FM6rcSfUNpMXvWuSqKPIEnhcE9AFm/aO+l3+3Mrk
3QmGs4h3AgMBAAECggEAVuwoeYrEXUlBwxeykVJFxYvr6RQG7q0BvVkrBvBsdxVx
izE5BQwbYidvfzMBNEsbOeoQcIKmYkzHo1UdrPqK3KdTPljDsYTphuEJuH63VWYm
0HlYRQaJaqYL+aHUIim03W/ilvrPkp1/otH9XxZTXzoylIx5ku0MYdJyeOXVSO2Q
EJbwM60gjGaoJob6Pi6jB12WDnFH6C5B5RjF7qFZlGfrmd6ihzc6mo6Uk4SPMMYr
T8+H95+C3PMF2c1BBQ8u0uuGTO5L3trCUMO32G6rYVJATw3Uk+rYpAxl7sblTT1h
X6zxm1lNJvTELa8yxlPO9TElvf0/PnS3Zhr7meQM4QKBgQDumwt2Y7v4rpaaQRZR
NexYpO0iXJ36gVAMtruBRBs1WWNsypGtOeg8Z7V1VMdhupyJJXoGDt8XglvFwZmA
3f3+IkmGNY4gMbRRikv6eibylS0ipGtBSDwa4Hu42Giyd/oR0jihpHkk55Gr4NSK
fEBovKDDpr2sZi9UhH8Gy+A7TwKBgQDiyZ0CUv0ekOf6BH9Fk6bpNCYI26EB8V/c
QZ9D+WT0eIreAoVd3ASsE38oWaeHWIfOw2a7zYl6koH0+MLRzdROP3LSswvMsa2t
EhhFjgN4OFrFSC8dDC6D/InX2v2rH29Fm2r/1D5c5MmxMBsQMIFgUn+RrZlzMLhZ
h4mr0u/2WQKBgQDcVwE2ytMCyvb4a7KYPBuNoH/7g1u/wTqTAwwUSzh1A571D/uG
5Dq5zWucdjXI4fM8EwekIIeTxiXJcQa4IkgzLqaG8V3WDRBfXD7dh3//9BJCM2N4
XaRjjXmzMOU+Kd0cJ+10F9ZnZhD3kB+14xf3oHk1M/1j/tkmS1SiihL/sQKBgAvz
0ECVGx4HSRKWNhb2py9XPkHtQVkW3ZSAKOKuPDHeQINe4qSFugFPrb30q62obs/o
4Hs5Y+t/2TWN/saL8IqHMYgFQ7PwEVUzxO+1gl1NqwsGuOTxBWqTXrhvpDrmlzi1
7je5eefvbunVvTdnNwpajrqgyZuWj8C4MftKTLdRAoGAOEyhBxsEy+KbuIOMVyIR
Mrswm9f7559eXHEuPpIRwxFz3nyiHsKRzkC87of3drvO3+6+2LwbOvRoyazVw0QY
UUSCUJHo0iRt7fYFLwS0Dwtll2pOEcKPjECePMCptNFRuMlMvs0rWXiHKQ49gyZ2
HN1h0G4W0uK/ABFeerDSgMc=
-----END PRIVATE KEY-----
`.trim();

/** Butterfly's backup service account: delegated the read set and the restore writes in the demo customer. */
export const BACKUP_SA: TServiceAccount = {
  email: 'butterfly-backup@butterfly-sim.iam.gserviceaccount.com',
  clientId: '104729384756102938475',
  projectId: 'butterfly-sim',
  privateKeyId: '5e1f0c7a2b9d4e8f6a3c1b0d9e8f7a6b5c4d3e2f',
  privateKeyPem: BACKUP_KEY,
};

/** A second service account: delegated the read set only (writes answer `unauthorized_client`). */
export const READ_ONLY_SA: TServiceAccount = {
  email: 'butterfly-readonly@butterfly-sim.iam.gserviceaccount.com',
  clientId: '104729384756102938476',
  projectId: 'butterfly-sim',
  privateKeyId: '0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b',
  privateKeyPem: READ_ONLY_KEY,
};
