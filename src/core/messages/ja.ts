import type { MessageKey } from "./en.ts";

/** 日本語のテキスト。プレースホルダーは en.ts と同じ {name} です。 */
export const ja: Record<MessageKey, string> = {
  "side.GHES": "GitHub Enterprise Server",
  "side.CLOUD": "GitHub Enterprise Cloud",
  "kind.org": "Organization",
  "kind.enterprise": "Enterprise アカウント",

  "help.title": "ghconnect：この GitHub Enterprise Server を GitHub Enterprise Cloud に接続します（GitHub Connect）",
  "help.summary.help": "このヘルプを表示します",
  "help.summary.link": "GitHub Enterprise Server または GitHub Enterprise Cloud の本人確認をします（デバイスサインイン）",
  "help.summary.unlink": "リンク済みの ID を削除します（片方または両方）",
  "help.summary.whoami": "リンク済みの ID と、指定したアカウントを接続できるかを表示します",
  "help.summary.enable": "このサーバーを Organization または Enterprise アカウントに接続します（確認あり）",
  "help.summary.disable": "このサーバーをアカウントから切断します（確認あり）",
  "help.summary.status": "接続の状態と進行中の操作を表示します",
  "help.summary.audit": "最新の監査イベントを表示します（サイト管理者のみ）",
  "help.footer":
    "有効化できるのは、GHES のサイト管理者であり、かつ GitHub Enterprise Cloud の Organization または Enterprise アカウントの所有者でもある人です。`link ghes` と `link cloud` で証明します。",
  "help.start.title": "はじめに",
  "help.start":
    "1. `/ghconnect link ghes`：GitHub Enterprise Server での本人確認をします。\n2. `/ghconnect link cloud`：GitHub Enterprise Cloud での本人確認をします（GitHub.com にサインインします）。\n3. `/ghconnect whoami acme`：アカウント `acme` を接続できるかをその場で確認します。\n4. `/ghconnect enable acme`：確認カードがこのチャンネルに投稿され、ここにいる全員に見えます。権限のある人が確認し、GHES で 1 回クリックします。",
  "help.commands": "コマンド",
  "error.seeHelp": "コマンドと始め方は `/ghconnect help` を参照してください。",

  "link.start": "{side} のアカウントをリンクするには、サインインページを開いて次のコードを入力してください。",
  "link.code": "`{code}`",
  "link.open": "{side} のサインインページを開く",
  "link.expires": "コードの有効期限は {expires} です。完了したらここでお知らせします。ページ： {url}",
  "link.next.cloud": "次は `/ghconnect link cloud` で GitHub Enterprise Cloud の本人確認をします。",
  "link.next.ghes": "次は `/ghconnect link ghes` で GitHub Enterprise Server の本人確認をします。",
  "link.next.whoami": "両方リンクしました。次は `/ghconnect whoami <アカウント>` でアカウントを確認します。",
  "link.next.unknown": "次は `/ghconnect whoami` で、どちらをリンク済みかを確認できます。",
  "link.done": "リンクしました：{side} では *{login}* です。",
  "link.replaced": "リンクしました：{side} では *{login}* です（以前の {previous} のリンクを置き換えました）。",
  "unlink.done": "{side} の {login} とのリンクを削除しました。保存していたトークンも削除しました。",
  "unlink.none": "削除するリンクはありません。",

  "home.title": "GitHub Connect",
  "home.unlink": "リンク解除",
  "whoami.title": "あなたの ID",
  "whoami.linked": "{side}： *{login}*",
  "whoami.notLinked": "{side}：未リンクです。`/ghconnect link {command}` を実行してください。",
  "whoami.verdict.allowed": "✅ {kind} *{slug}* の接続・切断を行えます。",
  "whoami.verdict.denied": "⛔ {kind} *{slug}* の接続・切断は行えません。",
  "whoami.hint": "アカウントを指定すると、その場で確認します： `/ghconnect whoami <slug>`",
  "whoami.next":
    "このサーバーをこのアカウントに接続するには： `/ghconnect enable {kind} {slug}`（切断するには `/ghconnect disable {kind} {slug}`）",
  "policy.fix.not_site_admin":
    "対処：既存の GHES サイト管理者が *{login}* をサイト管理者に昇格できます（サイト管理ダッシュボード、またはアプライアンスで `ghe-user-promote {login}` を実行）。",
  "policy.fix.org_not_owner": "対処：Organization {slug} の所有者が *{login}* を所有者にできます。",
  "policy.fix.org_pending": "対処： *{login}* が GitHub.com で {slug} への招待を承諾する必要があります。",
  "policy.fix.org_not_member":
    "対処：Organization {slug} の所有者が *{login}* を所有者として招待するか、所有者であるアカウントをリンクしてください（`/ghconnect link cloud`）。",
  "policy.fix.enterprise_not_owner":
    "対処：Enterprise アカウント {slug} の所有者が *{login}* を Enterprise アカウントの所有者として招待できます。",
  "policy.fix.enterprise_hidden":
    "対処：名前を確認するか（`/ghconnect whoami enterprise <slug>`）、所有者であるアカウントをリンクしてください（`/ghconnect link cloud`）。",

  "policy.GHES.site_admin": "GHES： *{login}* はサイト管理者です。",
  "policy.GHES.not_site_admin": "GHES： *{login}* はサイト管理者ではありません。",
  "policy.CLOUD.org_owner": "GitHub Enterprise Cloud： *{login}* は Organization {slug} の所有者です。",
  "policy.CLOUD.org_not_owner": "GitHub Enterprise Cloud： *{login}* は {slug} のメンバーですが、ロールは {role} で所有者ではありません。",
  "policy.CLOUD.org_pending": "GitHub Enterprise Cloud： *{login}* の {slug} へのメンバーシップは保留中です（招待が未承諾）。",
  "policy.CLOUD.org_not_member":
    "GitHub Enterprise Cloud： *{login}* は Organization {slug} のメンバーではありません（または、この Organization がこのトークンからは見えません）。",
  "policy.CLOUD.enterprise_owner": "GitHub Enterprise Cloud： *{login}* は Enterprise アカウント {slug} の所有者です。",
  "policy.CLOUD.enterprise_not_owner": "GitHub Enterprise Cloud： *{login}* は Enterprise アカウント {slug} の所有者ではありません。",
  "policy.CLOUD.enterprise_hidden": "GitHub Enterprise Cloud：Enterprise アカウント {slug} は存在しないか、*{login}* からは見えません。",
  "policy.side.not_linked": "{side}：未リンクです。先に `/ghconnect link {command}` を実行してください。",
  "policy.side.error": "{side}：確認できませんでした。{error}",

  "op.denied.enable": "⛔ このサーバーを {kind} *{slug}* に接続する権限がありません。何も開始していません。",
  "op.denied.disable": "⛔ このサーバーを {kind} *{slug}* から切断する権限がありません。何も開始していません。",
  "op.cardPosted": "このチャンネルに確認カードを投稿しました。有効期限は {expires} です。",
  "op.secondApproverNeeded": "別の権限者（このアカウントの所有者である GHES のサイト管理者）による確認が必要です。",
  "op.clickDenied.confirm": "この操作を確認する権限がありません：",
  "op.clickDenied.cancel": "この操作をキャンセルする権限がありません：",
  "op.clickDenied.stop": "この操作の待機を中止する権限がありません：",
  "op.confirmedByYou": "確認しました。GHES で行う手順をカードに表示しています。結果はお知らせします。",
  "op.cancelledByYou": "キャンセルしました。何も変更していません。",
  "op.stoppedByYou":
    "待機を停止しました。GHES でのクリックはもう待ちません。GHES ですでに行われたクリックは取り消されません。後でそのクリックが GitHub の記録に現れた場合も、お知らせします。",

  "preflight.failed.enable": "このサーバーを {kind} *{slug}* に接続する前に行った確認で、問題が見つかりました：",
  "preflight.failed.disable": "このサーバーを {kind} *{slug}* から切断する前に行った確認で、問題が見つかりました：",
  "preflight.nothingStarted": "何も開始していません。問題を解決してから、もう一度コマンドを実行してください。",
  "preflight.version": "GHES のバージョン",
  "preflight.license": "GHES のライセンス",
  "preflight.network": "ネットワーク",
  "preflight.state": "接続状態",
  "preflight.evidence": "検証",
  "preflight.app": "ボットの GitHub App",
  "preflight.license.connect_not_licensed":
    "GHES のライセンスで GitHub Connect が許可されていません（Manage API で無効）。ライセンスへの追加を GitHub に依頼してください。",
  "preflight.network.unreachable":
    "ボットから {targets} に接続できません。GitHub Connect には github.com と api.github.com への接続が必要です。HTTPS_PROXY とファイアウォールを確認してください。",
  "preflight.state.already_connected":
    "このサーバーはすでに GitHub Enterprise Cloud に接続されているようです（ボットの記録、GHES の監査ログ、または GitHub.com の接続済みサーバー一覧による）。`/ghconnect status` を確認してください。",
  "preflight.state.not_connected": "このサーバーはこのアカウントに接続されていないようです。切断するものはありません。",
  "preflight.evidence.no_evidence_source":
    "ボットは結果を検証できません。GHES_ENTERPRISE を設定する（GHES の監査ログを読むため）か、Enterprise アカウントの場合は GITHUB_MONITOR_TOKEN を設定してください。",
  "preflight.app.app_not_installed":
    "ボットの GitHub App がこのアカウントにインストールされていません。こちらからインストールしてから、もう一度コマンドを実行してください： {url}",

  "card.title.enable": "{hostname} を GitHub Enterprise Cloud に接続しますか？",
  "card.title.disable": "{hostname} を GitHub Enterprise Cloud から切断しますか？",
  "card.summary": "アカウント：{kind} *{slug}*\nインスタンス：{hostname}（GHES {version}）",
  "card.stores":
    "*GitHub.com 上のレコードに保存される、このインスタンスの情報：*\n• GHES ライセンスの公開鍵の部分{fingerprint}\n• GHES ライセンスのハッシュ\n• GHES ライセンスの顧客名{customer}\n• ホスト名：{hostname}\n• バージョン：{version}\n• 接続するアカウント：{slug}\n• GHES が GitHub.com へのリクエストの発行に使用する認証トークン",
  "card.creates":
    "GHES は *{slug}* が所有する GitHub App も作成します。そのクレデンシャル（1 時間有効な認証トークンと、新しい認証トークンを生成するための秘密鍵）は GHES に保存され、レプリケーションされ、バックアップにも保存されます。",
  "card.blockers":
    "GitHub Enterprise Cloud のアカウントは請求書払いである必要があります（トライアルやクレジットカード払いは不可）。IP 許可リストを使っている場合は、このインスタンスのアドレスが登録されている必要があります。",
  "card.reassure": "GitHub Connect を有効化しても、GitHub.com のユーザーが GitHub Enterprise Server を変更できるようにはなりません。",
  "card.addendum":
    "GitHub Connect を有効化すると、GitHub Enterprise ライセンスアグリーメントの GitHub Connect に関する補遺に合意したことになります。",
  "card.removes":
    "*切断すると削除されるもの：*\n• *{slug}* の GitHub Connect 用 GitHub App\n• そのために GHES に保存されているクレデンシャル（トークンと秘密鍵）\nGitHub Connect に依存する機能は使えなくなります。",
  "card.expires": "有効期限は {expires} です。確認できるのは *{slug}* の所有者である GHES のサイト管理者だけです。",
  "card.expiresSecond":
    "有効期限は {expires} です。確認できるのは *{slug}* の所有者である GHES のサイト管理者のうち、依頼者以外の人だけです。",
  "card.confirm": "確認",
  "card.cancel": "キャンセル",
  "card.disconnect": "切断を承認",
  "card.dialog.title": "GitHub Enterprise Cloud から切断しますか？",
  "card.dialog.text": "{slug} の GitHub Connect を無効化します。アプリはアカウントから削除され、GHES のクレデンシャルも削除されます。",
  "card.dialog.deny": "接続を維持",
  "card.state.REQUESTED": "確認中…",
  "card.state.CONFIRMED": "確認されました。GHES での手順を準備しています…",
  "card.state.APPLYING.enable":
    "次の順に操作してください。\n1. GHES と GitHub.com の両方にサインインします（GitHub.com には *{slug}* の所有者として）。\n2. GHES で {where} を開きます。\n3. *Enable GitHub Connect* をクリックします。これで GitHub Enterprise ライセンスアグリーメントの GitHub Connect に関する補遺に合意したことになります。\n4. *{slug}* の横の *Connect* をクリックします。\nGitHub の記録を監視し、このカードを更新します（{deadline} まで）。",
  "card.state.APPLYING.disable":
    "次の順に操作してください。\n1. GHES で {where} を開きます。\n2. *{slug}* の横の *Disable GitHub Connect* をクリックし、削除される内容を読んでから、もう一度 *Disable GitHub Connect* をクリックします。\nGitHub の記録を監視し、このカードを更新します（{deadline} まで）。",
  "card.settingsFallback": "Enterprise の設定（Enterprise の設定 → GitHub Connect）",
  "card.settingsLink": "Enterprise の設定 → GitHub Connect",
  "card.state.VERIFIED.enable": "✅ 検証済み：{hostname} は {kind} *{slug}* に接続されています。証跡：{evidence}",
  "card.state.VERIFIED.disable": "✅ 検証済み：{hostname} は {kind} *{slug}* から切断されています。証跡：{evidence}",
  "card.state.FAILED": "❌ 失敗：{reason}",
  "card.state.EXPIRED": "⌛ 確認されないまま期限切れになりました。何も変更していません。",
  "card.state.CANCELLED": "キャンセルされました。何も変更していません。",
  "card.state.superseded": "新しい依頼に置き換えられました。何も変更していません。",
  "card.state.DENIED": "拒否されました。",
  "evidence.ghesAudit": "GHES の監査ログ：*{actor}* による `{action}`（{at}）",
  "evidence.ghesAudit.late": "GHES の監査ログ：*{actor}* による `{action}`（{at}、ghconnect が待機を終えた後）",
  "evidence.cloudLists": "GitHub Enterprise Cloud の一覧で {hostname} が接続済みになっています",
  "evidence.cloudNoLongerLists": "GitHub Enterprise Cloud の一覧に {hostname} が表示されなくなりました",
  "card.header.APPLYING.enable": "⏳ GHES でのクリック待ち：{hostname} を GitHub Enterprise Cloud に接続",
  "card.header.APPLYING.disable": "⏳ GHES でのクリック待ち：{hostname} を GitHub Enterprise Cloud から切断",
  "card.header.VERIFIED.enable": "✅ {hostname} は GitHub Enterprise Cloud に接続されています",
  "card.header.VERIFIED.disable": "✅ {hostname} は GitHub Enterprise Cloud から切断されています",
  "card.header.FAILED.enable": "❌ 未検証：{hostname} の GitHub Enterprise Cloud への接続",
  "card.header.FAILED.disable": "❌ 未検証：{hostname} の GitHub Enterprise Cloud からの切断",
  "card.header.stopped.enable": "⏹ 待機を停止：{hostname} の GitHub Enterprise Cloud への接続",
  "card.header.stopped.disable": "⏹ 待機を停止：{hostname} の GitHub Enterprise Cloud からの切断",
  "card.header.ended.enable": "実施されませんでした：{hostname} の GitHub Enterprise Cloud への接続",
  "card.header.ended.disable": "実施されませんでした：{hostname} の GitHub Enterprise Cloud からの切断",
  "card.when.requested": "依頼：<@{user}>（{at}）",
  "card.when.confirmed": "確認：<@{user}>（{at}）",
  "card.when.selfApproved": "確認：<@{user}>（依頼者本人による承認、{at}）",
  "card.when.verified": "GitHub の記録で検証：{at}",
  "card.when.expired": "確認されないまま期限切れ：{at}",
  "card.when.cancelled": "キャンセル：<@{user}>（{at}）",
  "card.when.superseded": "<@{user}> の新しい依頼に置き換え（{at}）",
  "card.when.stopped": "待機を停止：<@{user}>（{at}）",
  "card.when.failed": "検証されずに終了：{at}",
  "card.announcementLink": "お知らせを見る",
  "card.stop": "待機を停止",
  "card.stopDialog.title": "待機を停止しますか？",
  "card.stopDialog.text.enable":
    "ghconnect は GHES でのクリックの監視をやめ、この操作を終了します。GHES ですでに行ったクリックは取り消せません。GitHub Connect が有効化されていれば、有効なままです。",
  "card.stopDialog.text.disable":
    "ghconnect は GHES でのクリックの監視をやめ、この操作を終了します。GHES ですでに行ったクリックは取り消せません。GitHub Connect が無効化されていれば、無効のままです。",
  "card.stopDialog.deny": "待機を続ける",
  "notice.cardLink": "カードを見る",
  "reason.apply_timeout":
    "制限時間内に GitHub の記録で変更を確認できませんでした。GHES でクリックした場合は `/ghconnect status` を確認してください。",
  "reason.interrupted":
    "確認カードの準備中に ghconnect が再起動しました（<@{requester}> さんには伝わっていません）。何も変更されていません。コマンドはもう一度実行できます。",
  "reason.stopped":
    "GHES でのクリック待ちが停止されました。GHES ですでにクリックしていた場合、その操作は有効なままです。`/ghconnect status` で確認してください。",
  "reason.other": "{reason}",
  "announce.VERIFIED.enable":
    "🔗 {hostname} が {kind} *{slug}* に接続されました（GitHub Connect）。依頼：<@{requester}>、確認：<@{confirmer}>。証跡：{evidence}",
  "announce.VERIFIED.disable":
    "🔌 {hostname} が {kind} *{slug}* から切断されました（GitHub Connect）。依頼：<@{requester}>、確認：<@{confirmer}>。証跡：{evidence}",
  "announce.FAILED.enable": "❌ このサーバーを {kind} *{slug}* に接続する依頼は失敗しました：{reason}",
  "announce.FAILED.disable": "❌ このサーバーを {kind} *{slug}* から切断する依頼は失敗しました：{reason}",

  "notice.out_of_band.create":
    "⚠️ {hostname}{account} の GitHub Connect が、{at} に *{actor}* によって GHES で *有効化* されました。*ghconnect を経由していません*。確認カードも 2 人目の承認もありませんでした。意図したものか {actor} に確認してください。",
  "notice.out_of_band.destroy":
    "⚠️ {hostname}{account} の GitHub Connect が、{at} に *{actor}* によって GHES で *無効化* されました。*ghconnect を経由していません*。GHES は GitHub Connect のアプリとそのクレデンシャルを削除しました。GitHub Connect に依存する機能は停止しています。",
  "notice.account": "（{kind} *{slug}*）",
  "notice.late":
    "✅ 遅れて確認できました：{kind} *{slug}* について依頼された変更（操作 {operation}、ghconnect が待機を終えた後）は、{at} に *{actor}* によって GHES で行われました。結果を記録しました。",
  "notice.token.updated": "🔑 GitHub Connect が {day} にクレデンシャルを更新しました：{count} 回、最新は {latest}。",
  "notice.token.silent":
    "⚠️ GitHub Connect が {hours} 時間クレデンシャルを更新していません（最後は {last}）。トークンの有効期間は 1 時間のため、GitHub Connect に依存する機能が止まっている可能性があります。GHES の *Enterprise の設定 → GitHub Connect* を確認してください。",
  "notice.token.resumed": "✅ GitHub Connect がクレデンシャルの更新を再開しました（{at}、{since} から停止していました）。",
  "notice.credential.expiring":
    "⏳ `{variable}` のボットのトークンは {expiresAt} に期限切れになります（残り {days} 日）。それまでに運用担当者が差し替えてください。差し替えないと、ボットは GitHub Connect を監視できなくなります。",
  "notice.credential.rejected":
    "🚨 GitHub が `{variable}` のボットのクレデンシャルを拒否しました（{detail}）。運用担当者が `{variable}` を修正するまで、ボットは GitHub Connect を監視できません。",
  "notice.credential.recovered": "✅ `{variable}` のボットのクレデンシャルが再び使えるようになりました。",
  "notice.watch.blind":
    "🚨 ボットは {since} から {sources} を読み取れず、GitHub Connect の変化を確認できません。`/ghconnect status` を参照してください。",
  "notice.watch.recovered": "✅ ボットは再び {sources} を読み取れるようになりました。",
  "notice.drift.not_connected":
    "⚠️ GHES 上の GitHub の記録では接続中ですが、GitHub.com は {hostname} を {kind} *{slug}* に接続済みとして表示していません。GitHub.com 側で GitHub Connect のアプリが削除されたか、接続が壊れている可能性があります。GHES の *Enterprise の設定 → GitHub Connect* を確認してください。",
  "notice.drift.connected":
    "⚠️ ボットの記録では未接続ですが、GitHub.com は {hostname} を {kind} *{slug}* に接続済みとして表示しています。GHES の *Enterprise の設定 → GitHub Connect* と `/ghconnect status` を確認してください。",
  "notice.drift.resolved": "✅ {hostname} と {kind} *{slug}* について、GitHub.com とボットの記録が再び一致しました。",
  "notice.sync.failed": "⚠️ このサーバーから {kind} *{slug}* へのライセンス同期が失敗しました{at}：{detail}",
  "notice.sync.recovered": "✅ {kind} *{slug}* へのライセンス同期が再び成功しています{at}。",
  "notice.sync.at": "（{at}）",
  "notice.features.changed":
    "Server Statistics が報告する GitHub Connect の機能が変わりました。現在：{now}。追加：{added}。削除：{removed}。",
  "notice.none": "なし",
  "notice.link.created": "🔗 <@{user}> が {side} の ID *{login}* をリンクしました。",
  "notice.link.replaced": "🔗 <@{user}> が {side} の ID *{login}* をリンクしました（*{previous}* を置き換え）。",
  "notice.link.removed": "🔗 <@{user}> が {side} のリンク（*{login}*）を削除しました。",
  "notice.source.ghes_audit": "GHES の監査ログ",
  "notice.source.app": "ボットの GitHub App",
  "notice.source.ghec": "接続済みサーバーについての GitHub.com の記録",

  "status.none": "記録された接続はなく、進行中の操作もありません。",
  "status.connection": "{kind} *{slug}*：{since} から *{state}*（{who}）、最終検証 {verified}。{hostname}、GHES {version}",
  "status.byGhes": "GHES の *{login}*",
  "status.watch.connected": "GitHub の記録による GitHub Connect：{account}{at} から *接続中*（変更者 *{actor}*、{via}）。",
  "status.watch.account": "{kind} *{slug}* に、",
  "status.watch.disconnected": "GitHub の記録による GitHub Connect：{at} から *未接続*（変更者 *{actor}*、{via}）。",
  "status.watch.unknown": "監視を始めてから、GitHub の記録に接続の変化はありません。",
  "status.watch.via.ghconnect": "ghconnect 経由",
  "status.watch.via.out_of_band": "ghconnect を経由せず",
  "status.watch.via.late": "ghconnect 経由、遅れて確認",
  "status.watch.renewal": "GitHub Connect による最後のクレデンシャル更新：{at}{silent}。",
  "status.watch.silent": " ⚠️ 想定より長く更新がありません",
  "status.watch.pass": "監視：最後の確認 {at}（担当：{holder}）。",
  "status.watch.stale": "⚠️ 監視：{minutes} 分間確認していません（最後は {at}）。表示が古い可能性があります。",
  "status.watch.never": "⚠️ 監視：まだ確認していません。",
  "status.watch.noSource": "⚠️ 監視：GHES_ENTERPRISE が設定されていないため、GHES の監査ログを読み取れません。",
  "status.watch.failing": "⚠️ {since} から {source} を読み取れません（{code}）。",
  "status.watch.expires": "`{variable}` の有効期限：{at}。",
  "status.watch.rejected": "⚠️ `{variable}` が GitHub に拒否されました（{detail}）。",
  "status.watch.github.listed": "GitHub.com はこのサーバーを Enterprise アカウント *{slug}* に接続済みとして表示しています。",
  "status.watch.github.unlisted": "GitHub.com はこのサーバーを Enterprise アカウント *{slug}* に接続済みとして表示していません。",
  "status.watch.sync": "ライセンス同期：{status}{at}{error}。",
  "status.watch.features": "GitHub Connect の機能（Server Statistics）：{features}。",
  "status.watch.givenUp":
    "⚠️ Slack に拒否され、送信をあきらめたお知らせが {count} 件あります（{error}）。ボットが NOTIFY_CHANNEL に参加しているか確認してください。",
  "status.watch.backlog": "⚠️ Slack への送信待ちのお知らせが {count} 件あります{error}。",
  "status.inFlight.enable": "進行中：このサーバーを {kind} *{slug}* に接続（{state}、<@{user}> が {at} に依頼）",
  "status.inFlight.disable": "進行中：このサーバーを {kind} *{slug}* から切断（{state}、<@{user}> が {at} に依頼）",
  "status.CONNECTED": "接続中",
  "status.DISCONNECTED": "切断済み",
  "audit.title": "最新の監査イベント",
  "audit.none": "監査イベントはまだありません。",
  "help.summary.doctor": "ボットの設定と、必要なすべての接続を確認します（GHES のサイト管理者のみ）",
  "doctor.adminsOnly": "doctor を実行できるのは GHES のサイト管理者（`/ghconnect link ghes` で証明済み）だけです。",
  "doctor.title": "ghconnect doctor",
  "doctor.summary": "成功 {ok}、警告 {warn}、失敗 {fail}、対象外 {skip}",
  "doctor.failed": "{detail}",
  "doctor.unexpected": "確認を実行できませんでした（{detail}）。",
  "doctor.database.postgres": "PostgreSQL は応答しています。マイグレーション {applied} 件を適用済みで、未適用はありません。",
  "doctor.database.pglite":
    "組み込みデータベース（PGlite）は応答しています。マイグレーション {applied} 件を適用済みで、未適用はありません。",
  "doctor.database.pending":
    "未適用のマイグレーションが {count} 件あります：{names}。対処：`npm run migrate` を実行してください（ボットも起動時に適用します）。",
  "doctor.database.pgliteClosed":
    "組み込みデータベース（PGlite、`{dir}`）：ボットの実行中に別のプロセスが開いてはならないため、ここでは開いていません。Slack の `/ghconnect doctor` がボットの内側から確認します。",
  "doctor.database.pgliteNew": "組み込みデータベース（PGlite）：`{dir}` はまだありません。ボットが最初の起動時に作成します。",
  "doctor.slack.auth": "Slack は SLACK_BOT_TOKEN を受け付けています：{team} のボット @{user}。",
  "doctor.slack.scopes": "ボットトークンには必要なスコープがあります（{scopes}）。",
  "doctor.slack.scopesMissing":
    "ボットトークンに {missing} がありません。対処：Slack アプリの OAuth & Permissions に manifest.yml のスコープを追加し、アプリを再インストールしてください。",
  "doctor.slack.scopesUnknown": "Slack がボットトークンのスコープを示さなかったため、スコープは確認していません。",
  "doctor.slack.channel": "NOTIFY_CHANNEL {channel} は #{name} で、ボットはメンバーです。",
  "doctor.slack.notMember":
    "ボットは NOTIFY_CHANNEL {channel}（#{name}）のメンバーではないため、お知らせを投稿できません。対処：そのチャンネルで `/invite @{user}` を実行してください。",
  "doctor.slack.archived":
    "NOTIFY_CHANNEL {channel}（#{name}）はアーカイブされています。対処：アーカイブを解除するか、NOTIFY_CHANNEL に別のチャンネルの ID を設定してください。",
  "doctor.slack.channelUnknown":
    "トークンに `{scope}` がないため、NOTIFY_CHANNEL {channel} のメンバーかどうかは確認していません。対処：このスコープを含む manifest.yml から Slack アプリを再インストールしてください。",
  "doctor.slack.channelNotFound":
    "ボットからチャンネル {channel}（NOTIFY_CHANNEL）が見えません：存在しないか、ボットが参加していないプライベートチャンネルです。対処：チャンネル詳細の下部にあるチャンネル ID（C…）を使い、そのチャンネルで `/invite @{user}` を実行してください。",
  "doctor.slack.socket": "Slack はソケットモード用の SLACK_APP_TOKEN を受け付けています。",
  "doctor.ghes.api": "GHES は {url} で応答しています：バージョン {version}。",
  "doctor.ghes.notSiteAdmin":
    "GHES_TOKEN の持ち主 *{login}* はサイト管理者ではありません。対処：`admin:enterprise` スコープを持つ、サイト管理者のトークンを設定してください。",
  "doctor.ghes.auditLog": "Enterprise `{enterprise}` の GHES 監査ログを読み取れます。",
  "doctor.ghes.auditLogDiscovered":
    "Enterprise `{enterprise}` の GHES 監査ログを読み取れます（スラッグは自動検出。GHES_ENTERPRISE={enterprise} を設定すると検出を省けます）。",
  "doctor.ghes.manage": "Manage API は応答しています。ライセンスは GitHub Connect を許可しています。",
  "doctor.ghes.notLicensed":
    "Manage API は応答していますが、ライセンスが GitHub Connect を許可していません。対処：GitHub Connect を含むライセンスを GitHub に依頼してください。",
  "doctor.ghes.manageUnset": "Manage API は未設定です（GHES_MANAGE_URL、GHES_MANAGE_PASSWORD）：接続前のライセンス確認は行いません。",
  "doctor.token.ok": "{variable} の持ち主は *{login}* で、有効期限は {date} です。",
  "doctor.token.okNoExpiry": "{variable} の持ち主は *{login}* で、有効期限はありません。",
  "doctor.token.expired":
    "{variable} は {date} に期限切れになりました。対処：{variable} に新しいトークンを設定し、ボットを再起動してください。",
  "doctor.token.expiresSoon":
    "{variable} は {date} に期限切れになります（残り {days}）。対処：それまでに {variable} に新しいトークンを設定してください。",
  "doctor.token.scopesUnknown":
    "GitHub が {variable} のスコープを示さなかったため（Fine-grained トークン？）、スコープは確認していません。",
  "doctor.token.scopeMissing":
    "{variable} に `{scope}` スコープがありません。対処：そのスコープを持つトークンを {variable} に設定し、ボットを再起動してください。",
  "doctor.reach.ok": "直接接続できます：{targets}。",
  "doctor.reach.okProxy": "プロキシ {proxy} 経由で接続できます：{targets}。",
  "doctor.reach.failed":
    "直接接続できません：{targets}。対処：ファイアウォールでこれらのホストを許可するか、HTTPS_PROXY を設定してください。",
  "doctor.reach.failedProxy":
    "プロキシ {proxy} 経由で接続できません：{targets}。対処：プロキシでこれらのホストを許可するか、NO_PROXY を確認してください。",
  "doctor.clock.ok": "このマシンの時計は GitHub の時計と一致しています（差 {seconds} 秒）。",
  "doctor.clock.skewed":
    "このマシンの時計は GitHub（{target}）より {seconds} 秒{direction}います。対処：時計を同期してください（NTP）。GitHub は誤った時刻で署名されたアプリのトークンを拒否します。",
  "doctor.clock.ahead": "進んで",
  "doctor.clock.behind": "遅れて",
  "doctor.days.lessThanOne": "1 日未満",
  "doctor.days.some": "{days} 日",
  "doctor.clock.unknown": "GitHub の応答に Date ヘッダーがなかったため、時計は比較していません。",
  "doctor.github.app": "GitHub App `{slug}` はボットの秘密鍵を受け付けています。{count} 件のアカウントにインストール済み：{accounts}。",
  "doctor.github.appNotInstalled":
    "GitHub App `{slug}` はボットの秘密鍵を受け付けていますが、どのアカウントにもインストールされていません。対処：接続する Organization または Enterprise にインストールしてください。",
  "doctor.github.monitorUnset": "GITHUB_MONITOR_TOKEN は未設定です：接続は GHES の監査ログだけで検証します。",
  "audit.adminsOnly": "監査ログを読めるのは GHES のサイト管理者（`/ghconnect link ghes` で証明済み）だけです。",
  "audit.titleFiltered": "{what} に関する最新の監査イベント",
  "audit.noneFiltered": "{what} に関する監査イベントはありません。",
  "audit.githubSide":
    "クリックについての GitHub 側の記録は、GHES の Enterprise の設定 → 監査ログで `action:dotcom_connection` を検索すると確認できます。",
  "audit.actor.bot": "ghconnect",
  "audit.reason": "（{reason}）",
  "audit.target.operation": "操作 `{id}`",
  "audit.target.account": "{kind} *{slug}*",
  "audit.action.command": "`{name}` を実行",
  "audit.action.command.failed": "`{name}` が失敗",
  "audit.action.command.invalid": "拒否されたコマンドを送信",
  "audit.action.audit.read": "監査ログを閲覧",
  "audit.action.authz.decision": "権限の確認",
  "audit.action.link.started": "サインインを開始",
  "audit.action.link.created": "ID をリンク",
  "audit.action.link.replaced": "リンク済みの ID を置き換え",
  "audit.action.link.removed": "ID のリンクを解除",
  "audit.action.link.revoked": "リンク済みの ID が GitHub で失効",
  "audit.action.link.refreshed": "サインインを更新",
  "audit.action.link.failed": "サインインに失敗",
  "audit.action.operation.enable.requested": "接続を依頼",
  "audit.action.operation.disable.requested": "切断を依頼",
  "audit.action.operation.enable.denied": "接続の依頼を拒否",
  "audit.action.operation.disable.denied": "切断の依頼を拒否",
  "audit.action.operation.awaiting_confirmation": "確認カードを投稿",
  "audit.action.operation.confirmed": "確認",
  "audit.action.operation.applying": "GHES でのクリック待ち",
  "audit.action.operation.verified": "GitHub の記録で検証",
  "audit.action.operation.failed": "検証されずに終了",
  "audit.action.operation.cancelled": "キャンセル",
  "audit.action.operation.superseded": "新しい依頼に置き換え",
  "audit.action.operation.expired": "確認されないまま期限切れ",
  "audit.action.operation.stopped": "GHES でのクリック待ちを停止",
  "audit.action.operation.click.refused": "カードのクリックを拒否",
  "audit.action.connect.create": "GHES の監査ログ：GitHub Connect を有効化",
  "audit.action.connect.destroy": "GHES の監査ログ：GitHub Connect を無効化",
  "audit.action.connect.token_updated": "GHES の監査ログ：GitHub Connect のクレデンシャルを更新",
  "audit.action.connect.cloud": "GitHub.com の監査ログ：`{action}`",

  "error.COMMAND_UNKNOWN": "`{given}` というコマンドはありません。",
  "error.COMMAND_ARGUMENTS": "`{command}` の使い方が正しくありません。",
  "error.COMMAND_INPUT_INVALID.too_long": "コマンドが {max} 文字を超えています。",
  "error.COMMAND_INPUT_INVALID.control": "コマンドに制御文字または不可視文字が含まれています。もう一度入力してください。",
  "error.SECRET_IN_INPUT":
    "⚠️ トークンまたはシークレットのように見えます。実行も保存も表示もしていません。漏えいしたものとして扱い、発行元で失効させて（GitHub：Settings → Developer settings、Slack：アプリの設定）新しいものを作成してください。",
  "error.SLUG_INVALID":
    "`{slug}` はアカウント名として正しくありません。GitHub の名前は英数字と単一のハイフン（先頭・末尾は不可）で構成されます（Organization は最大 39 文字）。",
  "error.AUDIT_MENTION_UNRESOLVED":
    "`{given}` が誰かを判別できません。Slack からメンバーではなく名前が送られてきました。`@` を入力したときの候補から選んでください。それでも名前のまま届く場合は、管理者がスラッシュコマンドのエスケープを有効にする必要があります（manifest.yml の `should_escape: true`）。",
  "error.suggestion": "`{suggestion}` のことですか？",
  "error.usage": "使い方： `{usage}`",
  "error.SLACK_USER_GUEST": "ゲストアカウントは ghconnect を使用できません。",
  "error.SLACK_USER_DELETED": "この Slack アカウントは無効化されています。",
  "error.SLACK_USER_BOT": "ボットは ghconnect を使用できません。",
  "error.SLACK_UNAVAILABLE":
    "Slack からユーザー情報を取得できませんでした（{detail}）。何も実行していません。少し待ってから再試行してください。",
  "error.NOT_LINKED": "{side} の ID がリンクされていません。先に `/ghconnect link {command}` を実行してください。",
  "error.LINK_EXPIRED": "コードが入力される前に有効期限が切れました。`/ghconnect link {command}` で新しいコードを取得してください。",
  "error.LINK_DENIED": "{side} でサインインがキャンセルされました。何もリンクしていません。",
  "error.LINK_DEVICE_FLOW_DISABLED":
    "{side} のアプリでデバイスサインインが無効になっています。管理者がアプリの設定で「Device Flow」を有効にする必要があります。",
  "error.LINK_CLIENT_INVALID":
    "{side} が設定されたクライアント ID を認識しないため、サインインを開始できません。管理者が {variable} を確認してください。",
  "error.LINK_IN_PROGRESS": "{side} のサインインがすでに待機中です。送信済みのコードを使うか、期限切れになるまでお待ちください。",
  "error.TOKEN_REVOKED":
    "{side} のリンクが無効になっています（トークンが取り消されたか期限切れです）。もう一度 `/ghconnect link {command}` を実行してください。",
  "error.GITHUB_UNAUTHORIZED": "{side} がボット自身の認証情報を拒否しました。運用担当者がボットに設定されたトークンを確認してください。",
  "error.GITHUB_UNAUTHORIZED.variable":
    "{side} が `{variable}` に設定されたボットのクレデンシャルを拒否しました（期限切れ、失効、または誤り）。何も変更していません。運用担当者が `{variable}` を置き換えてボットを再起動してください。回復したかどうかは `/ghconnect status` で確認できます。",
  "error.GITHUB_NOT_FOUND.enterprise_audit_log":
    "{side} にボットが読める Enterprise の監査ログがありません。運用担当者が `GHES_ENTERPRISE`（GHES での Enterprise のスラッグ）と、`GHES_TOKEN` に `admin:enterprise` スコープがあることを確認してください。",
  "error.GITHUB_SSO_REQUIRED":
    "{side} のこのアカウントには SAML シングルサインオンが必要です。{url} でセッションを承認してから再試行してください。",
  "what.it": "対象",
  "what.user": "あなたのユーザー",
  "what.enterprise": "Enterprise アカウント *{slug}*",
  "what.org": "Organization *{slug}*",
  "what.membership": "Organization *{slug}* でのあなたのメンバーシップ",
  "what.serverInstallations": "Enterprise アカウントのサーバーインストール",
  "what.licenseSync": "Enterprise アカウントのライセンス同期の状態",
  "what.enterpriseAuditLog": "Enterprise の監査ログ",
  "what.serverStatistics": "Server Statistics",
  "what.connectedServers": "Enterprise アカウントに接続されたサーバー",
  "what.manageApi": "Manage API",
  "what.meta": "インスタンスの `/meta`",
  "what.botApp": "ボットの GitHub App",
  "what.botAppInstallation": "ボットの GitHub App のインストール",
  "error.GITHUB_SSO_REQUIRED.noUrl":
    "{side} では、このアカウントに SAML シングルサインオンが必要です。ID プロバイダーでサインインしてから（GitHub.com でアカウントを開き、シングルサインオンの案内に従います）、もう一度お試しください。",
  "error.GITHUB_FORBIDDEN": "{side} がリクエストを拒否しました：{detail}",
  "error.GITHUB_NOT_FOUND": "{side} によると、{what} は存在しないか、あなたからは見えません。",
  "error.GITHUB_RATE_LIMITED": "{side} のレート制限に達しました。{retryAt} 以降に再試行してください。",
  "error.GITHUB_TIMEOUT": "{side} が {seconds} 秒以内に応答しませんでした。何も変更していません。再試行してください。",
  "error.GITHUB_UNREACHABLE": "ボットから {side} に接続できません（{detail}）。ネットワークとプロキシの設定を確認してください。",
  "error.GITHUB_SERVER_ERROR":
    "{side} がサーバーエラー（{status}）を返しました。何も変更していません。しばらくしてから再試行してください。",
  "error.GITHUB_UNEXPECTED": "{side} から想定外の応答がありました（{detail}）。",
  "error.GHES_ENTERPRISE_NOT_IN_USE":
    "GHES は現在 Enterprise `{enterprise}` を返しますが、ボットは起動時にこれを取得できなかったため、GHES の監査ログを読んでいません。対処：GHES_ENTERPRISE={enterprise} を設定し、ボットを再起動してください。",
  "error.GHES_ENTERPRISE_UNKNOWN":
    "GHES_ENTERPRISE が未設定で、GHES_TOKEN のユーザーが属する Enterprise を GHES から 1 つに特定できませんでした（{found} 件）。対処：GHES の Enterprise 設定のアドレス（`https://<GHES ホスト>/enterprises/<slug>/settings`）にあるスラッグを GHES_ENTERPRISE に設定してください。",
  "error.ACCOUNT_NOT_FOUND":
    "あなたの GitHub Enterprise Cloud のアカウントから見える `{slug}` という Organization または Enterprise アカウントはありません。",
  "error.ACCOUNT_AMBIGUOUS":
    "`{slug}` という名前の Organization と Enterprise アカウントの両方があります。`/ghconnect {command} org {slug}` または `/ghconnect {command} enterprise {slug}` のように指定してください。",
  "inFlight.holder": "、依頼者 <@{user}>",
  "inFlight.card": "カードは <#{channel}> にあります。",
  "state.inFlight": "進行中",
  "state.REQUESTED": "確認処理中",
  "state.AWAITING_CONFIRMATION": "確認待ち",
  "state.CONFIRMED": "確認済み",
  "state.APPLYING": "確認済み、GHES での変更待ち",
  "error.OPERATION_IN_FLIGHT":
    "`{slug}` の操作がすでに進行中です（{state}{holder}）。{where}終わるまでお待ちください。`/ghconnect status {slug}` で確認できます。",
  "error.OPERATION_NOT_FOUND": "このボタンは ghconnect の操作のものではありません。何も実行していません。",
  "error.OPERATION_CARD_MISMATCH":
    "このボタンは、押されたカードのものではありません。何も実行していません。操作のカードにあるボタンを使ってください。",
  "error.OPERATION_EXPIRED": "この確認は期限切れです。何も変更していません。もう一度コマンドを実行してください。",
  "error.OPERATION_ALREADY_DECIDED": "この操作はすでに確定しています。状態はカードに表示されています。",
  "error.SECOND_APPROVER_REQUIRED": "2 人目の承認者が必要です。依頼者以外の人が確認してください。",
  "error.CARD_NOT_POSTED":
    "このチャンネルに確認カードを投稿できませんでした（{detail}）。ボットを招待（`/invite @ghconnect`）してから再試行してください。何も開始していません。",
  "error.BUSY": "ghconnect が混み合っているため実行していません。何も変更も記録もしていません。1 分ほどしてからもう一度お試しください。",
  "error.SLACK_CREDENTIAL_REJECTED":
    "Slack は `{variable}` を拒否しました（{detail}）。対処：Slack アプリの設定（ボットトークンは OAuth & Permissions、アプリトークンは Basic Information → App-Level Tokens）からコピーし直し、ボットを再起動してください。",
  "error.DATABASE_UNREACHABLE":
    "データベースが応答しないか、ボットを拒否しました（{detail}）。対処：DATABASE_URL（ホスト、ポート、ユーザー、パスワード、データベース名）と、PostgreSQL がこのマシンからの接続を受け付けることを確認してください。",
  "error.SLACK_UNREACHABLE": "ボットから Slack に接続できません（{detail}）。ネットワークとプロキシの設定を確認してください。",
  "error.SLACK_PAYLOAD_INVALID": "Slack からワークスペース ID のない要求が届きました（{detail}）。何も実行していません。",
  "error.TOKEN_UNREADABLE":
    "保存されているサインイン情報を読み取れませんでした（{detail}）。ghconnect の ENCRYPTION_KEY が変更された可能性があります。`/ghconnect unlink` を実行してから、両方をもう一度リンクしてください。",
  "error.reference": "管理者向けの参照：`{requestId}`（ログにこの参照で詳細が記録されています）。",
  "error.internal":
    "ghconnect の内部でエラーが発生しました（参照 {requestId}）。何も変更していません。管理者はこの参照でログを確認できます。",
};
